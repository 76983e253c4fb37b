/// A compiled, immutable graph: its nodes in a topological order, grouped into waves, with
/// each node's inputs resolved.
///
/// Build one with ``Graph/compile()`` and run it with any ``Scheduler``, as many times as
/// needed and from many tasks at once: a plan holds no run state. The successor lists and
/// dependency counts the schedulers need are computed once, here.
public struct ExecutionPlan: Sendable {
    /// The nodes in topological order: every node comes after all the nodes it reads from.
    let steps: [PlanStep]
    /// The position of each node in `steps`.
    let positions: [String: Int]
    /// The positions of the nodes of each wave; waves are contiguous in `steps`.
    let waveRanges: [Range<Int>]
    /// The graph inputs, in declaration order.
    public let inputNames: [String]
    /// The graph outputs, in the order they were added.
    let outputs: [GraphOutput]
    /// How many distinct nodes each step reads from, for the schedulers' countdowns.
    let predecessorCounts: [Int]
    /// The positions of the steps that read no other step, ascending.
    let sourcePositions: [Int]

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
        positions[nodeID].map { steps[$0].predecessorIDs }
    }

    /// The ids of the nodes that read from a node, in plan order; `nil` for an id that is not
    /// in the plan.
    public func dependents(of nodeID: String) -> [String]? {
        positions[nodeID].map { steps[$0].successors.map { steps[$0].id } }
    }

    /// The wave a node belongs to, or `nil` for an id that is not in the plan.
    public func wave(of nodeID: String) -> Int? {
        positions[nodeID].map { steps[$0].wave }
    }
}

extension ExecutionPlan {
    /// Compiles a graph that has passed validation, from its resolved names.
    init(validGraph graph: Graph, analysis: GraphAnalysis) {
        let nodes = graph.nodes
        var edgesByNode = [[Int]](repeating: [], count: nodes.count)
        for (edge, target) in analysis.edgeTargets.enumerated() {
            if let target { edgesByNode[target].append(edge) }
        }
        let predecessors = Self.distinctPredecessors(edgesByNode, sources: analysis.edgeSources)
        let levels = Self.levels(predecessors: predecessors)

        var waveMembers = [[Int]](repeating: [], count: (levels.max() ?? -1) + 1)
        for node in nodes.indices { waveMembers[levels[node]].append(node) }
        let ordered = waveMembers.flatMap { $0 }
        var stepOf = [Int](repeating: 0, count: nodes.count)
        for (step, node) in ordered.enumerated() { stepOf[node] = step }

        var successors = [[Int]](repeating: [], count: nodes.count)
        for step in ordered.indices {
            for predecessor in predecessors[ordered[step]] {
                successors[stepOf[predecessor]].append(step)
            }
        }
        steps = ordered.enumerated().map { step, node in
            let edges = edgesByNode[node].map { graph.edges[$0] }
            let inputs = edgesByNode[node].map { edge in
                Self.resolve(graph.edges[edge].source,
                             step: analysis.edgeSources[edge].map { stepOf[$0] })
            }
            let reads = predecessors[node].sorted { stepOf[$0] < stepOf[$1] }
            return PlanStep(
                id: nodes[node].id,
                label: nodes[node].label,
                descriptor: nodes[node].descriptor,
                operation: nodes[node].operation,
                sources: edges.map { $0.source },
                ports: edges.map { $0.port ?? $0.source.defaultPort },
                inputs: inputs,
                predecessors: reads.map { stepOf[$0] },
                predecessorIDs: reads.map { nodes[$0].id },
                successors: successors[step],
                wave: levels[node]
            )
        }
        positions = analysis.nodeIndex.mapValues { stepOf[$0] }
        var start = 0
        waveRanges = waveMembers.map { members in
            defer { start += members.count }
            return start..<(start + members.count)
        }
        inputNames = graph.inputs.map { $0.name }
        outputs = graph.outputs
        let counts = steps.map { $0.predecessors.count }
        predecessorCounts = counts
        sourcePositions = counts.indices.filter { counts[$0] == 0 }
    }

    /// For each node, the nodes it reads from, once each, in first-edge order.
    private static func distinctPredecessors(
        _ edgesByNode: [[Int]],
        sources: [Int?]
    ) -> [[Int]] {
        var lastReader = [Int](repeating: -1, count: edgesByNode.count)
        return edgesByNode.enumerated().map { node, edges in
            var result: [Int] = []
            for edge in edges {
                guard let source = sources[edge], lastReader[source] != node else { continue }
                lastReader[source] = node
                result.append(source)
            }
            return result
        }
    }

    /// Each node's wave: 0 for nodes reading no node, else one more than its latest source.
    ///
    /// Kahn's algorithm; the graph is known to be acyclic.
    private static func levels(predecessors: [[Int]]) -> [Int] {
        var remaining = predecessors.map { $0.count }
        var successors = [[Int]](repeating: [], count: predecessors.count)
        for (node, sources) in predecessors.enumerated() {
            for source in sources { successors[source].append(node) }
        }
        var levels = [Int](repeating: 0, count: predecessors.count)
        var queue = remaining.indices.filter { remaining[$0] == 0 }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in successors[node] {
                levels[next] = max(levels[next], levels[node] + 1)
                remaining[next] -= 1
                if remaining[next] == 0 { queue.append(next) }
            }
        }
        return levels
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
