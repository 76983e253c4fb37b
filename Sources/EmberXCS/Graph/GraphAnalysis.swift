/// A graph's names resolved to positions once, with its structure, shared by validation and
/// compilation so that each id is hashed once and each list is built once.
///
/// The structure is computed for any graph, valid or not: edges to unknown nodes are left
/// out of it, and the levels are meaningful only when ``isAcyclic``.
struct GraphAnalysis {
    /// The position of the first node with each id.
    let nodeIndex: [String: Int]
    /// The declared type of each graph input (`nil` inside when declared without one).
    let inputTypes: [String: ValueType?]
    /// For each edge, the position of the node it goes to, or `nil` for an unknown id.
    let edgeTargets: [Int?]
    /// For each edge, the position of the node it reads, or `nil` for a graph input or an
    /// unknown id.
    let edgeSources: [Int?]
    /// For each node, the positions of its incoming edges, in connection order.
    let edgesByNode: FlatLists<Int>
    /// For each node, the nodes it reads from, once each, in first-edge order.
    let predecessors: FlatLists<Int>
    /// For each node, the nodes that read from it, once each, in node order.
    let successors: FlatLists<Int>
    /// Each node's wave: 0 for a node reading no node, else one more than its latest source.
    let levels: [Int]
    /// Whether every node could be ordered, which is whether the graph has no cycle.
    let isAcyclic: Bool

    init(_ graph: Graph) {
        var nodeIndex: [String: Int] = [:]
        nodeIndex.reserveCapacity(graph.nodes.count)
        for position in graph.nodes.indices {
            // One hash per id; a repeated id (an invalid graph) keeps its first position.
            let id = graph.nodes[position].id
            if let first = nodeIndex.updateValue(position, forKey: id) { nodeIndex[id] = first }
        }
        self.nodeIndex = nodeIndex
        inputTypes = Dictionary(graph.inputs.map { ($0.name, $0.type) }) { first, _ in first }
        // With every id unique, a position found when the edge was connected is the only
        // node with that id, so it stands in for a lookup.
        let idsAreUnique = nodeIndex.count == graph.nodes.count
        let edgeTargets = graph.edges.map { edge in
            idsAreUnique ? edge.targetHint ?? nodeIndex[edge.target] : nodeIndex[edge.target]
        }
        let edgeSources = graph.edges.map { edge in
            edge.source.nodeID.flatMap { id in
                idsAreUnique ? edge.sourceHint ?? nodeIndex[id] : nodeIndex[id]
            }
        }
        self.edgeTargets = edgeTargets
        self.edgeSources = edgeSources

        let nodeCount = graph.nodes.count
        let edgesByNode = FlatLists(count: nodeCount, owners: edgeTargets)
        var lastReader = [Int](repeating: -1, count: nodeCount)
        let predecessors = FlatLists<Int>(count: nodeCount, reservingCapacity: graph.edges.count) {
            node, sources in
            for edge in edgesByNode[node] {
                guard let source = edgeSources[edge], lastReader[source] != node else { continue }
                lastReader[source] = node
                sources.append(source)
            }
        }
        let successors = FlatLists(transposing: predecessors, count: nodeCount)
        self.edgesByNode = edgesByNode
        self.predecessors = predecessors
        self.successors = successors
        (levels, isAcyclic) = Self.levels(predecessors: predecessors, successors: successors)
    }

    /// Whether two nodes share an id.
    func hasDuplicateNodes(in graph: Graph) -> Bool {
        nodeIndex.count < graph.nodes.count
    }

    /// Each node's level, and whether every node could be ordered (no cycle).
    ///
    /// A graph whose nodes were added after the nodes they read from, as most are, gets its
    /// levels in one pass in node order; any other runs Kahn's algorithm.
    private static func levels(
        predecessors: FlatLists<Int>,
        successors: FlatLists<Int>
    ) -> ([Int], Bool) {
        let count = predecessors.count
        var forwardLevels = [Int](repeating: 0, count: count)
        var isForward = true
        for node in 0..<count where isForward {
            for source in predecessors[node] {
                guard source < node else {
                    isForward = false
                    break
                }
                forwardLevels[node] = max(forwardLevels[node], forwardLevels[source] + 1)
            }
        }
        if isForward { return (forwardLevels, true) }
        var remaining = (0..<count).map { predecessors.count(of: $0) }
        var levels = [Int](repeating: 0, count: count)
        var queue: [Int] = []
        queue.reserveCapacity(count)
        for node in 0..<count where remaining[node] == 0 { queue.append(node) }
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
        return (levels, queue.count == count)
    }
}
