/// A graph's names resolved to positions once, shared by validation and compilation so that
/// each id is hashed once per use rather than once per check.
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

    init(_ graph: Graph) {
        let nodeIndex = Dictionary(graph.nodes.enumerated().map { ($1.id, $0) }) { first, _ in
            first
        }
        self.nodeIndex = nodeIndex
        inputTypes = Dictionary(graph.inputs.map { ($0.name, $0.type) }) { first, _ in first }
        edgeTargets = graph.edges.map { nodeIndex[$0.target] }
        edgeSources = graph.edges.map { edge in edge.source.nodeID.flatMap { nodeIndex[$0] } }
    }

    /// Whether two nodes share an id.
    func hasDuplicateNodes(in graph: Graph) -> Bool {
        nodeIndex.count < graph.nodes.count
    }
}
