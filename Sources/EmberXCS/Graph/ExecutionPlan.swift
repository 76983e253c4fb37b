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
        /// The node ids, in step order: the nodes in topological order, every node after
        /// all the nodes it reads from.
        let ids: [String]
        /// Each step's label, when its node was given one.
        let labels: [String?]
        /// Each step's work.
        let operations: [StepOperation]
        /// Where each step's incoming values come from, in connection order.
        let stepInputs: FlatLists<StepInput>
        /// The source of each incoming edge, aligned with `stepInputs`.
        let stepSources: FlatLists<ValueSource>
        /// The port of each incoming edge, aligned with `stepInputs`.
        let stepPorts: FlatLists<String>
        /// The positions of the steps each step reads from, without repeats, ascending.
        let stepPredecessors: FlatLists<Int>
        /// The positions of the steps that read from each step, without repeats, ascending.
        let stepSuccessors: FlatLists<Int>
        /// The position of each node among the steps.
        let positions: [String: Int]
        /// The positions of the steps of each wave; waves are contiguous.
        let waveRanges: [Range<Int>]
        /// The graph inputs, in declaration order.
        let inputNames: [String]
        /// The graph outputs, in the order they were added.
        let outputs: [GraphOutput]
        /// How many distinct nodes each step reads from, for the schedulers' countdowns.
        let predecessorCounts: [Int]
        /// The positions of the steps that read no other step, ascending.
        let sourcePositions: [Int]

        init(ids: [String],
             labels: [String?],
             operations: [StepOperation],
             stepInputs: FlatLists<StepInput>,
             stepSources: FlatLists<ValueSource>,
             stepPorts: FlatLists<String>,
             stepPredecessors: FlatLists<Int>,
             stepSuccessors: FlatLists<Int>,
             positions: [String: Int],
             waveRanges: [Range<Int>],
             inputNames: [String],
             outputs: [GraphOutput],
             predecessorCounts: [Int],
             sourcePositions: [Int]) {
            self.ids = ids
            self.labels = labels
            self.operations = operations
            self.stepInputs = stepInputs
            self.stepSources = stepSources
            self.stepPorts = stepPorts
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

    var ids: [String] { storage.ids }
    var labels: [String?] { storage.labels }
    /// The work of the step at `position`.
    func operation(at position: Int) -> NodeOperation { storage.operations[position].body }
    var stepInputs: FlatLists<StepInput> { storage.stepInputs }
    var stepSources: FlatLists<ValueSource> { storage.stepSources }
    var stepPorts: FlatLists<String> { storage.stepPorts }
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
    public var order: [String] { ids }

    /// Groups of node ids with no dependency inside a group; wave `k` holds the nodes whose
    /// longest chain of dependencies has `k` nodes before them.
    public var waves: [[String]] {
        waveRanges.map { range in Array(ids[range]) }
    }

    /// The number of nodes.
    public var nodeCount: Int { ids.count }

    /// The names of the graph outputs, in the order they were added.
    public var outputNames: [String] { outputs.map(\.name) }

    /// The sources of a node's incoming edges, in connection order, or `nil` for an id that
    /// is not in the plan.
    public func inputs(of nodeID: String) -> [ValueSource]? {
        positions[nodeID].map { Array(stepSources[$0]) }
    }

    /// The ids of the nodes a node reads from, without repeats, in plan order; `nil` for an id
    /// that is not in the plan.
    public func dependencies(of nodeID: String) -> [String]? {
        positions[nodeID].map { predecessorIDs(of: $0) }
    }

    /// The ids of the nodes that read from a node, in plan order; `nil` for an id that is not
    /// in the plan.
    public func dependents(of nodeID: String) -> [String]? {
        positions[nodeID].map { stepSuccessors[$0].map { ids[$0] } }
    }

    /// The wave a node belongs to, or `nil` for an id that is not in the plan.
    public func wave(of nodeID: String) -> Int? {
        positions[nodeID].map { step in
            // Waves are contiguous and in order, so the wave is found by bisection.
            var (low, high) = (0, waveRanges.count - 1)
            while low < high {
                let middle = (low + high) / 2
                if waveRanges[middle].upperBound <= step { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }
}

extension ExecutionPlan {
    /// Compiles a graph that has passed validation, from its analysis.
    ///
    /// Steps are the waves one after another, each in node order. Everything is kept by
    /// step in a few arrays, with no object per step: each field in its own array, and every
    /// per-step list (inputs, their sources and ports, predecessors, successors) flat.
    init(validGraph graph: Graph, analysis: GraphAnalysis) {
        let nodes = graph.nodes
        let levels = analysis.levels
        let waveCount = (levels.max() ?? -1) + 1
        let waveMembers = FlatLists(count: waveCount, owners: levels)
        let ordered = waveMembers.elements
        // Graphs are mostly built in dependency order, and then the steps are the nodes in the
        // order they were added: the analysis's lists and index serve the plan as they are.
        let isNodeOrder = ordered.indices.allSatisfy { ordered[$0] == $0 }
        var stepOf: [Int] = []
        if !isNodeOrder {
            stepOf = [Int](repeating: 0, count: nodes.count)
            for (step, node) in ordered.enumerated() { stepOf[node] = step }
        }
        let stepPosition = { (node: Int) in isNodeOrder ? node : stepOf[node] }

        let predecessors: FlatLists<Int>
        if isNodeOrder, analysis.predecessors.indices.allSatisfy({ node in
            let list = analysis.predecessors[node]
            return zip(list, list.dropFirst()).allSatisfy { $0 < $1 }
        }) {
            predecessors = analysis.predecessors
        } else {
            predecessors = FlatLists<Int>(count: ordered.count,
                                          reservingCapacity: graph.edges.count) { step, list in
                let first = list.count
                list.append(contentsOf: analysis.predecessors[ordered[step]].lazy.map(stepPosition))
                list[first...].sort()
            }
        }
        // Successor lists come out ascending either way: the analysis's in node order.
        let stepSuccessors = isNodeOrder
            ? analysis.successors
            : FlatLists(transposing: predecessors, count: ordered.count)
        let stepInputs = FlatLists(count: ordered.count,
                                   reservingCapacity: graph.edges.count) { step, list in
            for edge in analysis.edgesByNode[ordered[step]] {
                list.append(Self.resolve(graph.edges[edge].source,
                                         step: analysis.edgeSources[edge].map(stepPosition)))
            }
        }
        var sources: [ValueSource] = []
        var ports: [String] = []
        sources.reserveCapacity(stepInputs.elements.count)
        ports.reserveCapacity(stepInputs.elements.count)
        for node in ordered {
            for edge in analysis.edgesByNode[node] {
                let edge = graph.edges[edge]
                sources.append(edge.source)
                ports.append(edge.port ?? edge.source.defaultPort)
            }
        }
        let counts = (0..<ordered.count).map { predecessors.count(of: $0) }
        storage = Storage(
            ids: ordered.map { nodes[$0].id },
            labels: ordered.map { nodes[$0].label },
            operations: ordered.map { StepOperation(body: nodes[$0].operation) },
            stepInputs: stepInputs,
            stepSources: FlatLists(layout: stepInputs, elements: sources),
            stepPorts: FlatLists(layout: stepInputs, elements: ports),
            stepPredecessors: predecessors,
            stepSuccessors: stepSuccessors,
            positions: isNodeOrder
                ? analysis.nodeIndex
                : analysis.nodeIndex.mapValues(stepPosition),
            waveRanges: (0..<waveCount).map { wave in
                waveMembers.offsets[wave]..<waveMembers.offsets[wave + 1]
            },
            inputNames: graph.inputs.map { $0.name },
            outputs: graph.outputs,
            predecessorCounts: counts,
            sourcePositions: counts.indices.filter { counts[$0] == 0 }
        )
    }

    /// The ids of the steps `step` reads from, in plan order.
    func predecessorIDs(of step: Int) -> [String] {
        stepPredecessors[step].map { ids[$0] }
    }

    /// The resolved form of an edge's source; `step` is the plan position of the node it
    /// reads, for a node or field source.
    private static func resolve(_ source: ValueSource, step: Int?) -> StepInput {
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
