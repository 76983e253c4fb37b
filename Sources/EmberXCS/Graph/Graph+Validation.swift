extension Graph {
    /// Checks the whole graph and reports every problem at once.
    ///
    /// It finds duplicate ids, input and output names; edges and outputs naming nodes or
    /// inputs that do not exist; cycles, with their path; nodes missing the incoming edge they
    /// need (or, for a typed operator, having more than one); and whole-value edges whose
    /// source type differs from the receiving node's input type, where both are known.
    /// Field edges are checked when the graph runs, since a field is read from a value.
    ///
    /// - Throws: A ``GraphError`` whose problems each name the nodes involved.
    public func validate() throws(GraphError) {
        let problems = self.problems
        if !problems.isEmpty {
            throw GraphError(problems: problems)
        }
    }

    /// Every problem ``validate()`` would report; empty for a valid graph.
    public var problems: [GraphError.Problem] {
        var problems = duplicateProblems()
        let nodeIndex = Dictionary(nodes.enumerated().map { ($1.id, $0) }) { first, _ in first }
        let inputTypes = Dictionary(inputs.map { ($0.name, $0.type) }) { first, _ in first }
        problems += referenceProblems(nodeIndex: nodeIndex, inputTypes: inputTypes)
        problems += edgeCountProblems(nodeIndex: nodeIndex)
        problems += typeProblems(nodeIndex: nodeIndex, inputTypes: inputTypes)
        problems += cycleProblems(nodeIndex: nodeIndex)
        return problems
    }

    private func duplicateProblems() -> [GraphError.Problem] {
        var problems: [GraphError.Problem] = []
        for (id, count) in repeated(nodes.map(\.id)) {
            problems.append(GraphError.Problem(
                kind: .duplicateNode, nodeIDs: [id],
                message: "Node id '\(id)' is used by \(count) nodes; give each node its own id."
            ))
        }
        for (name, count) in repeated(inputs.map(\.name)) {
            problems.append(GraphError.Problem(
                kind: .duplicateInput, nodeIDs: [name],
                message: "Graph input '\(name)' is declared \(count) times; declare it once."
            ))
        }
        for (name, count) in repeated(outputs.map(\.name)) {
            problems.append(GraphError.Problem(
                kind: .duplicateOutput, nodeIDs: [name],
                message: "Graph output '\(name)' is added \(count) times; "
                    + "give each output its own name."
            ))
        }
        return problems
    }

    /// The values that occur more than once, in order of first occurrence, with their counts.
    private func repeated(_ values: [String]) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var reported: Set<String> = []
        return values.compactMap { value in
            guard let count = counts[value], count > 1, reported.insert(value).inserted else {
                return nil
            }
            return (value, count)
        }
    }

    private func referenceProblems(
        nodeIndex: [String: Int],
        inputTypes: [String: ValueType?]
    ) -> [GraphError.Problem] {
        var problems: [GraphError.Problem] = []
        for edge in edges {
            if nodeIndex[edge.target] == nil {
                problems.append(GraphError.Problem(
                    kind: .unknownNode, nodeIDs: [edge.target],
                    message: "An edge from \(edge.source) goes to node '\(edge.target)', "
                        + "which was never added; add it with addNode(id:) or fix the id."
                ))
            }
            let reader = "Node '\(edge.target)'"
            problems += sourceProblems(edge.source, reader: reader, readerID: edge.target,
                                       nodeIndex: nodeIndex, inputTypes: inputTypes)
        }
        for output in outputs {
            let reader = "Graph output '\(output.name)'"
            problems += sourceProblems(output.source, reader: reader, readerID: output.name,
                                       nodeIndex: nodeIndex, inputTypes: inputTypes)
        }
        return problems
    }

    private func sourceProblems(
        _ source: ValueSource,
        reader: String,
        readerID: String,
        nodeIndex: [String: Int],
        inputTypes: [String: ValueType?]
    ) -> [GraphError.Problem] {
        switch source {
        case .input(let name) where !inputTypes.keys.contains(name):
            return [GraphError.Problem(
                kind: .unknownInput, nodeIDs: [readerID, name],
                message: "\(reader) reads graph input '\(name)', which was never declared; "
                    + "declare it with addInput(_:) or fix the name."
            )]
        case .node(let id) where nodeIndex[id] == nil,
             .field(let id, _) where nodeIndex[id] == nil:
            return [GraphError.Problem(
                kind: .unknownNode, nodeIDs: [id, readerID],
                message: "\(reader) reads from node '\(id)', which was never added; "
                    + "add it with addNode(id:) or fix the id."
            )]
        default:
            return []
        }
    }

    private func edgeCountProblems(nodeIndex: [String: Int]) -> [GraphError.Problem] {
        var counts: [String: Int] = [:]
        for edge in edges { counts[edge.target, default: 0] += 1 }
        var problems: [GraphError.Problem] = []
        for (index, node) in nodes.enumerated() where nodeIndex[node.id] == index {
            let count = counts[node.id] ?? 0
            switch node.edgeRequirement {
            case .any:
                continue
            case .atLeastOne where count == 0, .exactlyOne where count == 0:
                let what = node.edgeRequirement == .exactlyOne ? "exactly one" : "at least one"
                let type = node.inputType.map { " of type \($0)" } ?? ""
                problems.append(GraphError.Problem(
                    kind: .missingEdge, nodeIDs: [node.id],
                    message: "Node '\(node.id)' has no incoming edge but needs \(what)\(type); "
                        + "connect a graph input or another node to it."
                ))
            case .exactlyOne where count > 1:
                problems.append(GraphError.Problem(
                    kind: .extraEdge, nodeIDs: [node.id],
                    message: "Node '\(node.id)' runs an operator that takes one input but has "
                        + "\(count) incoming edges; keep one, or combine the values in a node "
                        + "before it."
                ))
            default:
                continue
            }
        }
        return problems
    }

    private func typeProblems(
        nodeIndex: [String: Int],
        inputTypes: [String: ValueType?]
    ) -> [GraphError.Problem] {
        var problems: [GraphError.Problem] = []
        for edge in edges {
            guard let target = nodeIndex[edge.target], let expected = nodes[target].inputType
            else { continue }
            let actual: ValueType?
            switch edge.source {
            case .input(let name):
                actual = inputTypes[name] ?? nil
            case .node(let id):
                actual = nodeIndex[id].flatMap { nodes[$0].outputType }
            case .field:
                actual = nil
            }
            guard let actual, !expected.accepts(actual) else { continue }
            let sourceIDs = edge.source.nodeID.map { [$0] } ?? []
            problems.append(GraphError.Problem(
                kind: .typeMismatch, nodeIDs: [edge.target] + sourceIDs,
                message: "Node '\(edge.target)' takes \(expected), but its edge from "
                    + "\(edge.source) carries \(actual); connect a source of type \(expected) "
                    + "or convert the value in a node between them."
            ))
        }
        return problems
    }

    private func cycleProblems(nodeIndex: [String: Int]) -> [GraphError.Problem] {
        var successors = [[Int]](repeating: [], count: nodes.count)
        for edge in edges {
            guard let target = nodeIndex[edge.target],
                  let sourceID = edge.source.nodeID,
                  let source = nodeIndex[sourceID]
            else { continue }
            successors[source].append(target)
        }
        return CycleFinder.cycles(successors: successors).map { cycle in
            let ids = cycle.map { nodes[$0].id }
            let path = ids.joined(separator: " -> ")
            return GraphError.Problem(
                kind: .cycle, nodeIDs: Array(ids.dropLast()),
                message: "Nodes \(path) form a cycle, so none of them can ever start; "
                    + "remove one of these edges."
            )
        }
    }
}
