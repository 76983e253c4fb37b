/// A directed acyclic graph of operations, built step by step and then compiled into an
/// ``ExecutionPlan`` that a ``Scheduler`` runs.
///
/// Values are type-erased (`any Sendable`) as they flow along edges. Building never throws:
/// mistakes such as a duplicate id or an edge to a missing node are recorded and reported
/// together by ``validate()`` and ``compile()``.
///
/// ```swift
/// var graph = Graph()
/// graph.addInput("question", type: String.self)
/// graph.addNode(id: "draft", Drafting())
/// graph.addNode(id: "check", Checking())
/// graph.connect(.input("question"), to: "draft")
/// graph.connect(.node("draft"), to: "check")
/// graph.addOutput(.node("check"), name: "answer")
/// let plan = try graph.compile()
/// ```
public struct Graph: Sendable {
    var inputs: [GraphInput] = []
    var nodes: [GraphNode] = []
    var edges: [GraphEdge] = []
    var outputs: [GraphOutput] = []

    /// Creates an empty graph.
    public init() {}

    /// The ids of the nodes, in the order they were added.
    public var nodeIDs: [String] { nodes.map(\.id) }

    /// The names of the graph inputs, in the order they were declared.
    public var inputNames: [String] { inputs.map(\.name) }

    /// The names of the graph outputs, in the order they were added.
    public var outputNames: [String] { outputs.map(\.name) }

    /// Declares a value the caller supplies, by name, when the graph runs.
    ///
    /// - Parameters:
    ///   - name: The key of the value in the scheduler's `inputs` dictionary.
    ///   - type: The value's type, when known, so that edges from it are checked.
    public mutating func addInput(_ name: String, type: Any.Type? = nil) {
        inputs.append(GraphInput(name: name, type: type.map(ValueType.init)))
    }

    /// Adds a node that runs `operation` on the values of its incoming edges.
    ///
    /// A node without incoming edges is a source and runs as soon as the graph starts, unless
    /// `inputType` is given: then it needs at least one edge, and every whole-value edge into
    /// it must carry that type. An id already in use is recorded as a problem.
    ///
    /// - Parameters:
    ///   - id: The node's id, unique in the graph; errors and traces name the node by it.
    ///   - label: A human-readable name for diagrams; the id when `nil`.
    ///   - descriptor: What the node does, for diagrams and reports.
    ///   - inputType: The type each whole-value edge must carry, when known.
    ///   - outputType: The type the operation returns, when known.
    ///   - operation: The work, called once per run with the node's ``NodeInputs``.
    public mutating func addNode(
        id: String,
        label: String? = nil,
        descriptor: OperatorDescriptor? = nil,
        inputType: Any.Type? = nil,
        outputType: Any.Type? = nil,
        operation: @escaping NodeOperation
    ) {
        nodes.append(GraphNode(
            id: id,
            label: label,
            descriptor: descriptor,
            inputType: inputType.map(ValueType.init),
            outputType: outputType.map(ValueType.init),
            edgeRequirement: inputType == nil ? .any : .atLeastOne,
            operation: operation
        ))
    }

    /// Adds a node that runs a typed operator on the value of its single incoming edge.
    ///
    /// The node needs exactly one incoming edge; its value is cast to `Op.Input` when the node
    /// runs, and a failed cast fails the node with an ``ExecutionError`` naming the node and
    /// both types. The operator is called through `callAsFunction`, so engine hooks see it.
    ///
    /// - Parameters:
    ///   - id: The node's id, unique in the graph.
    ///   - label: A human-readable name for diagrams; the id when `nil`.
    ///   - op: The operator to run.
    public mutating func addNode<Op: Operator>(id: String, label: String? = nil, _ op: Op) {
        let operation: NodeOperation = { inputs in
            guard inputs.count == 1 else {
                throw ExecutionError.wrongEdgeCount(node: id, expected: 1, actual: inputs.count)
            }
            guard let input = inputs[0] as? Op.Input else {
                throw ExecutionError.inputTypeMismatch(
                    node: id,
                    expected: String(describing: Op.Input.self),
                    actual: String(describing: type(of: inputs[0]))
                )
            }
            return try await op(input)
        }
        nodes.append(GraphNode(
            id: id,
            label: label,
            descriptor: op.descriptor,
            inputType: ValueType(Op.Input.self),
            outputType: ValueType(Op.Output.self),
            edgeRequirement: .exactlyOne,
            operation: operation
        ))
    }

    /// Feeds the value from `source` into the node `node`.
    ///
    /// A node receives its values in the order its edges were connected. Names that do not
    /// exist yet are accepted here and reported by ``validate()``.
    ///
    /// - Parameters:
    ///   - source: A graph input, a node's whole output or one field of it.
    ///   - node: The id of the node that receives the value.
    ///   - port: A name to read the value by in ``NodeInputs``; the source's
    ///     ``ValueSource/defaultPort`` when `nil`.
    public mutating func connect(_ source: ValueSource, to node: String, port: String? = nil) {
        edges.append(GraphEdge(source: source, target: node, port: port,
                               targetHint: recentPosition(of: node),
                               sourceHint: source.nodeID.flatMap(recentPosition(of:))))
    }

    /// The position of the node `id` when it is one of the last two added, found by comparing
    /// two ids rather than hashing: graphs are mostly built by adding a node and connecting
    /// it at once, to the node before it or from it.
    private func recentPosition(of id: String) -> Int? {
        nodes.indices.suffix(2).last { nodes[$0].id == id }
    }

    /// Declares a value the graph returns, found in ``GraphRun/outputs`` under `name`.
    ///
    /// - Parameters:
    ///   - source: The value to return.
    ///   - name: The output's name; the source's description (`id`, `id.field` or
    ///     `input:name`) when `nil`.
    public mutating func addOutput(_ source: ValueSource, name: String? = nil) {
        outputs.append(GraphOutput(source: source, name: name ?? source.description))
    }

    /// Checks the graph and compiles it into an immutable plan.
    ///
    /// - Throws: A ``GraphError`` listing every problem ``validate()`` finds.
    public func compile() throws(GraphError) -> ExecutionPlan {
        ExecutionPlan(validGraph: self, analysis: try validatedAnalysis())
    }
}
