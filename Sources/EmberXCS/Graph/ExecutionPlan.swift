/// A compiled, immutable graph: its nodes in a topological order, grouped into waves, with
/// each node's inputs resolved.
///
/// Build one with ``Graph/compile()`` and run it with any ``Scheduler``, as many times as
/// needed and from many tasks at once: a plan holds no run state. The successor lists and
/// dependency counts the schedulers need are computed once, here.
public struct ExecutionPlan: Sendable {
    /// Everything the plan holds, behind one reference: a plan is captured by every task a
    /// scheduler starts, and copying one reference costs one retain where copying each
    /// array and dictionary would cost one each, on counts that every worker shares.
    private final class Storage: Sendable {
        /// The nodes in topological order: every node comes after all the nodes it reads from.
        let steps: [PlanStep]
        /// Where each step's incoming values come from, in connection order.
        let stepInputs: FlatLists<PlanStep.Input>
        /// The positions of the steps each step reads from, without repeats, ascending.
        let stepPredecessors: FlatLists<Int>
        /// The positions of the steps that read from each step, without repeats, ascending.
        let stepSuccessors: FlatLists<Int>
        /// The position of each node in `steps`.
        let positions: [String: Int]
        /// The positions of the nodes of each wave; waves are contiguous in `steps`.
        let waveRanges: [Range<Int>]
        /// The graph inputs, in declaration order.
        let inputNames: [String]
        /// The graph outputs, in the order they were added.
        let outputs: [GraphOutput]
        /// How many distinct nodes each step reads from, for the schedulers' countdowns.
        let predecessorCounts: [Int]
        /// The positions of the steps that read no other step, ascending.
        let sourcePositions: [Int]

        init(steps: [PlanStep],
             stepInputs: FlatLists<PlanStep.Input>,
             stepPredecessors: FlatLists<Int>,
             stepSuccessors: FlatLists<Int>,
             positions: [String: Int],
             waveRanges: [Range<Int>],
             inputNames: [String],
             outputs: [GraphOutput],
             predecessorCounts: [Int],
             sourcePositions: [Int]) {
            self.steps = steps
            self.stepInputs = stepInputs
            self.stepPredecessors = stepPredecessors
            self.stepSuccessors = stepSuccessors
            self.positions = positions
            self.waveRanges = waveRanges
            self.inputNames = inputNames
            self.outputs = outputs
            self.predecessorCounts = predecessorCounts
            self.sourcePositions = sourcePositions
        }
    }

    private let storage: Storage

    var steps: [PlanStep] { storage.steps }
    var stepInputs: FlatLists<PlanStep.Input> { storage.stepInputs }
    var stepPredecessors: FlatLists<Int> { storage.stepPredecessors }
    var stepSuccessors: FlatLists<Int> { storage.stepSuccessors }
    var positions: [String: Int] { storage.positions }
    var waveRanges: [Range<Int>] { storage.waveRanges }
    /// The graph inputs, in declaration order.
    public var inputNames: [String] { storage.inputNames }
    var outputs: [GraphOutput] { storage.outputs }
    var predecessorCounts: [Int] { storage.predecessorCounts }
    var sourcePositions: [Int] { storage.sourcePositions }

    /// The node ids in topological order: every node comes after the nodes it reads from.
    ///
    /// The order is the waves one after another, each in the order its nodes were added.
    public var order: [String] { steps.map(\.id) }

    /// Groups of node ids with no dependency inside a group; wave `k` holds the nodes whose
    /// longest chain of dependencies has `k` nodes before them.
    public var waves: [[String]] {
        waveRanges.map { range in steps[range].map(\.id) }
    }

    /// The number of nodes.
    public var nodeCount: Int { steps.count }

    /// The names of the graph outputs, in the order they were added.
    public var outputNames: [String] { outputs.map(\.name) }

    /// The sources of a node's incoming edges, in connection order, or `nil` for an id that
    /// is not in the plan.
    public func inputs(of nodeID: String) -> [ValueSource]? {
        positions[nodeID].map { steps[$0].sources }
    }

    /// The ids of the nodes a node reads from, without repeats, in plan order; `nil` for an id
    /// that is not in the plan.
    public func dependencies(of nodeID: String) -> [String]? {
        positions[nodeID].map { predecessorIDs(of: $0) }
    }

    /// The ids of the nodes that read from a node, in plan order; `nil` for an id that is not
    /// in the plan.
    public func dependents(of nodeID: String) -> [String]? {
        positions[nodeID].map { stepSuccessors[$0].map { steps[$0].id } }
    }

    /// The wave a node belongs to, or `nil` for an id that is not in the plan.
    public func wave(of nodeID: String) -> Int? {
        positions[nodeID].map { steps[$0].wave }
    }
}

extension ExecutionPlan {
    /// Compiles a graph that has passed validation, from its analysis.
    ///
    /// Steps are the waves one after another, each in node order; every list a run reads
    /// (inputs, predecessors, successors) is stored flat, indexed by step.
    init(validGraph graph: Graph, analysis: GraphAnalysis) {
        let nodes = graph.nodes
        let levels = analysis.levels
        let waveCount = (levels.max() ?? -1) + 1
        let waveMembers = FlatLists(
            count: waveCount,
            grouping: levels.indices.lazy.map { (owner: levels[$0], element: $0) }
        )
        let ordered = waveMembers.elements
        var stepOf = [Int](repeating: 0, count: nodes.count)
        for (step, node) in ordered.enumerated() { stepOf[node] = step }

        let predecessors = FlatLists<Int>(count: ordered.count,
                                          reservingCapacity: graph.edges.count) { step, list in
            let first = list.count
            list.append(contentsOf: analysis.predecessors[ordered[step]].lazy.map { stepOf[$0] })
            list[first...].sort()
        }
        // Steps are visited in ascending order, so each successor list comes out ascending.
        let stepSuccessors = FlatLists(
            count: ordered.count,
            grouping: ordered.indices.lazy.flatMap { step in
                predecessors[step].lazy.map { (owner: $0, element: step) }
            }
        )
        let stepInputs = FlatLists(count: ordered.count,
                               reservingCapacity: graph.edges.count) { step, list in
            for edge in analysis.edgesByNode[ordered[step]] {
                list.append(Self.resolve(graph.edges[edge].source,
                                         step: analysis.edgeSources[edge].map { stepOf[$0] }))
            }
        }
        let steps = ordered.map { node in
            let edges = analysis.edgesByNode[node]
            return PlanStep(
                id: nodes[node].id,
                label: nodes[node].label,
                descriptor: nodes[node].descriptor,
                operation: nodes[node].operation,
                sources: edges.map { graph.edges[$0].source },
                ports: edges.map { graph.edges[$0].port ?? graph.edges[$0].source.defaultPort },
                wave: levels[node]
            )
        }
        let counts = (0..<ordered.count).map { predecessors.count(of: $0) }
        storage = Storage(
            steps: steps,
            stepInputs: stepInputs,
            stepPredecessors: predecessors,
            stepSuccessors: stepSuccessors,
            positions: analysis.nodeIndex.mapValues { stepOf[$0] },
            waveRanges: (0..<waveCount).map { waveMembers.offsets[$0]..<waveMembers.offsets[$0 + 1] },
            inputNames: graph.inputs.map { $0.name },
            outputs: graph.outputs,
            predecessorCounts: counts,
            sourcePositions: counts.indices.filter { counts[$0] == 0 }
        )
    }

    /// The ids of the steps `step` reads from, in plan order.
    func predecessorIDs(of step: Int) -> [String] {
        stepPredecessors[step].map { steps[$0].id }
    }

    /// The resolved form of an edge's source; `step` is the plan position of the node it
    /// reads, for a node or field source.
    private static func resolve(_ source: ValueSource, step: Int?) -> PlanStep.Input {
        switch source {
        case .input(let name):
            .graphInput(name)
        case .node:
            .step(step ?? 0)
        case .field(_, let field):
            .field(step: step ?? 0, path: field.split(separator: "."))
        }
    }
}
