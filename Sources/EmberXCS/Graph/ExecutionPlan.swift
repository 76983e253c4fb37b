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
    fileprivate final class Storage: Sendable {
        /// The graph's nodes, in the order they were added: the graph's own array, shared.
        let nodes: [GraphNode]
        /// The node of each step, or `nil` when the steps are the nodes in the order they
        /// were added, as they are for a graph built in dependency order.
        let stepNodes: [Int]?
        /// The graph's edges, in the order they were connected: the graph's own array.
        let edges: [GraphEdge]
        /// The positions in `edges` of each step's incoming edges, in connection order.
        let stepEdges: FlatLists<Int>
        /// Where each step's incoming values come from, aligned with `stepEdges`.
        let stepInputs: FlatLists<StepInput>
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

        init(nodes: [GraphNode],
             stepNodes: [Int]?,
             edges: [GraphEdge],
             stepEdges: FlatLists<Int>,
             stepInputs: FlatLists<StepInput>,
             stepPredecessors: FlatLists<Int>,
             stepSuccessors: FlatLists<Int>,
             positions: [String: Int],
             waveRanges: [Range<Int>],
             inputNames: [String],
             outputs: [GraphOutput],
             predecessorCounts: [Int],
             sourcePositions: [Int]) {
            self.nodes = nodes
            self.stepNodes = stepNodes
            self.edges = edges
            self.stepEdges = stepEdges
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

        /// The position in `nodes` of the step at `step`.
        @inline(__always)
        func node(ofStep step: Int) -> Int {
            stepNodes?[step] ?? step
        }
    }

    /// The node ids in step order, read from the graph's nodes without copying them.
    struct StepIDs: RandomAccessCollection {
        fileprivate let storage: Storage

        var startIndex: Int { 0 }
        var endIndex: Int { storage.stepNodes?.count ?? storage.nodes.count }

        subscript(step: Int) -> String {
            storage.nodes[storage.node(ofStep: step)].id
        }
    }

    private let storage: Storage

    /// The node ids, in step order: the nodes in topological order, every node after all the
    /// nodes it reads from.
    var ids: StepIDs { StepIDs(storage: storage) }
    /// The label of the step at `position`, when its node was given one.
    func label(at position: Int) -> String? {
        storage.nodes[storage.node(ofStep: position)].label
    }
    /// The work of the step at `position`.
    func operation(at position: Int) -> NodeOperation {
        storage.nodes[storage.node(ofStep: position)].operation
    }
    /// The incoming edges of the step at `position`, in connection order.
    func edges(ofStep position: Int) -> LazyMapCollection<ArraySlice<Int>, GraphEdge> {
        let edges = storage.edges
        return storage.stepEdges[position].lazy.map { edges[$0] }
    }
    var stepInputs: FlatLists<StepInput> { storage.stepInputs }
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
    public var order: [String] { Array(ids) }

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
        positions[nodeID].map { edges(ofStep: $0).map(\.source) }
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
    /// Steps are the waves one after another, each in node order. The plan keeps the graph's
    /// node and edge arrays as they are, shared rather than copied, and reaches them through
    /// the step's node and the step's edge positions; what it adds is kept by step in a few
    /// arrays with no object per step, every per-step list (edges, inputs, predecessors,
    /// successors) flat.
    init(validGraph graph: Graph, analysis: GraphAnalysis) {
        let nodes = graph.nodes
        let levels = analysis.levels
        let waveCount = (levels.max() ?? -1) + 1
        // Lifted lazily: passing `levels` as `[Int?]` would convert it element by element
        // through a dynamic cast.
        let waveMembers = FlatLists(count: waveCount, owners: levels.lazy.map(Int?.some))
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
        let stepEdges = isNodeOrder
            ? analysis.edgesByNode
            : FlatLists<Int>(count: ordered.count,
                             reservingCapacity: graph.edges.count) { step, list in
                list.append(contentsOf: analysis.edgesByNode[ordered[step]])
            }
        let stepInputs = FlatLists(layout: stepEdges, elements: stepEdges.elements.map { edge in
            Self.resolve(graph.edges[edge].source,
                         step: analysis.edgeSources[edge].map(stepPosition))
        })
        let counts = (0..<ordered.count).map { predecessors.count(of: $0) }
        storage = Storage(
            nodes: nodes,
            stepNodes: isNodeOrder ? nil : ordered,
            edges: graph.edges,
            stepEdges: stepEdges,
            stepInputs: stepInputs,
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
