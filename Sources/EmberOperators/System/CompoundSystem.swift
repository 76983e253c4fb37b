import EmberModels
import EmberXCS
import Foundation

/// A compound system built from the notation: NON nodes on an XCS graph, run by the
/// dataflow scheduler, so every node starts the moment the nodes it reads from finish.
///
/// Call it with a query; it returns the final answer with every node's output, usage and
/// cost. Cancelling the calling task cancels every running node and closes their requests.
public struct CompoundSystem: Operator {
    /// The parsed description the system was built from.
    public let specification: SystemSpecification
    /// The graph the nodes run on: the input `query` feeds every node, and each flow is an
    /// edge.
    public let graph: Graph
    /// The compiled plan.
    public let plan: ExecutionPlan
    /// The node whose answer is the system's: the last one written.
    public let finalNodeID: String
    /// The most nodes running at once, or `nil` for no bound.
    public var maximumConcurrency: Int?
    /// The models the nodes call, in node order, without repeats.
    public let calledModels: [ModelID]
    /// How the system's votes read answers.
    public let answerKind: AnswerKind

    /// The name of the graph input that carries the query.
    public static let queryInput = "query"

    init(specification: SystemSpecification, operators: [String: any SystemNode],
         calledModels: [ModelID], answerKind: AnswerKind) throws {
        var graph = Graph()
        graph.addInput(Self.queryInput, type: String.self)
        for node in specification.nodes {
            let op = operators[node.id]!
            let id = node.id
            graph.addNode(id: id, label: "\(node.count > 1 ? "\(node.count)" : "")\(node.code)"
                              + (node.model.map { " @\($0)" } ?? ""),
                          descriptor: op.descriptor) { inputs in
                let query = inputs.value(from: .input(Self.queryInput)) as? String ?? ""
                let upstream = inputs.compactMap { $0 as? NodeResult }
                let result = try await op(SystemNodeInput(query: query, upstream: upstream))
                Self.annotateTrace(with: result)
                return result
            }
            graph.connect(.input(Self.queryInput), to: id)
        }
        for flow in specification.flows {
            graph.connect(.node(flow.from), to: flow.to)
        }
        let finalNodeID = specification.nodes[specification.nodes.count - 1].id
        graph.addOutput(.node(finalNodeID), name: "answer")
        self.specification = specification
        self.graph = graph
        self.plan = try graph.compile()
        self.finalNodeID = finalNodeID
        self.calledModels = calledModels
        self.answerKind = answerKind
    }

    /// Puts the node's calls, tokens and cost on its trace event.
    private static func annotateTrace(with result: NodeResult) {
        guard !result.calls.isEmpty else { return }
        NodeContext.annotate(key: "model.calls", value: String(result.calls.count))
        NodeContext.annotate(key: "tokens.input", value: String(result.usage.inputTokens))
        NodeContext.annotate(key: "tokens.output", value: String(result.usage.outputTokens))
        NodeContext.annotate(key: "cost", value: result.cost.map { "\($0)" } ?? "unknown")
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "CompoundSystem", input: "String", output: "SystemResult",
                           summary: specification.nodes.map(\.text).joined(separator: ", "))
    }

    public func run(_ query: String) async throws -> SystemResult {
        let scheduler = DataflowScheduler(maximumConcurrency: maximumConcurrency,
                                          errorPolicy: .failFast)
        let run = try await scheduler.run(plan, inputs: [Self.queryInput: query])
        let results = specification.nodes.compactMap {
            run.nodeOutputs[$0.id] as? NodeResult
        }
        let final = results.last { $0.id == finalNodeID }
        return SystemResult(answer: final?.answer ?? final?.candidates.first?.text,
                            finalNodeID: finalNodeID, nodes: results, trace: run.trace)
    }
}

/// What a compound system returned for one query.
public struct SystemResult: Sendable {
    /// The final node's answer (an ensemble's first sample when the final node is an
    /// ensemble), or `nil` when it gave none.
    public var answer: String?
    /// The node whose answer is the system's.
    public var finalNodeID: String
    /// Every node's result, in the order the nodes were written.
    public var nodes: [NodeResult]
    /// When each node ran.
    public var trace: Trace

    /// Every model call the system made.
    public var calls: [ModelCallRecord] { nodes.flatMap(\.calls) }
    /// The system's tokens.
    public var usage: TokenUsage { calls.totalUsage }
    /// The system's cost, or `nil` when a call's cost is unknown.
    public var cost: Decimal? { calls.totalCost }
    /// Whether a response the final answer depends on stopped at its token limit.
    public var isTruncated: Bool { calls.contains(where: \.isTruncated) }
}

/// Builds compound systems from the notation.
public struct SystemBuilder: Sendable {
    /// How node descriptions are read, with the codes and components they may use.
    public var notation: SystemNotation
    /// The service, default model and answer kind nodes are built with.
    public var context: SystemBuildContext

    /// Creates a builder.
    public init(context: SystemBuildContext, codes: NodeCodeRegistry = .standard,
                components: [String: [String]] = [:]) {
        self.notation = SystemNotation(codes: codes, components: components)
        self.context = context
    }

    /// Builds the system a string describes: `"5E@local/smollm2(temp=0.9),1M"`.
    ///
    /// - Throws: ``NotationError`` naming the offending text and its offset, or a
    ///   `GraphError` when the flows form a cycle.
    public func build(_ description: String) throws -> CompoundSystem {
        try build(notation.parse(description))
    }

    /// Builds the system an array of entries describes: `["3E@local/smollm2", "1M"]`.
    public func build(_ entries: [String]) throws -> CompoundSystem {
        try build(notation.parse(entries))
    }

    /// Builds a parsed system.
    public func build(_ specification: SystemSpecification) throws -> CompoundSystem {
        var operators: [String: any SystemNode] = [:]
        var models: [ModelID] = []
        for node in specification.nodes {
            guard let definition = notation.codes.definition(for: node.code) else {
                throw node.error("unknown node code \"\(node.code)\"")
            }
            operators[node.id] = try definition.make(node, context)
            if definition.needsModel {
                let model = try context.model(for: node)
                if !models.contains(model) { models.append(model) }
            }
        }
        return try CompoundSystem(specification: specification, operators: operators,
                                  calledModels: models, answerKind: context.answerKind)
    }
}
