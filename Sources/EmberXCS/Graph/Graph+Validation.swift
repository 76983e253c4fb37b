extension Graph {
    /// Checks the whole graph and reports every problem at once.
    ///
    /// It finds duplicate ids, input and output names; edges and outputs naming nodes or
    /// inputs that do not exist; cycles, with their path; nodes missing the incoming edge they
    /// need (or, for a typed operator, having more than one); and whole-value edges whose
    /// source type differs from the receiving node's input type, where both are known (an
    /// existential input type such as `any Sendable` or `any P` accepts every source, and the
    /// cast when the node runs decides).
    /// Field edges are checked when the graph runs, since a field is read from a value.
    ///
    /// - Throws: A ``GraphError`` whose problems each name the nodes involved.
    public func validate() throws(GraphError) {
        _ = try validatedAnalysis()
    }

    /// Every problem ``validate()`` would report; empty for a valid graph.
    public var problems: [GraphError.Problem] {
        problems(GraphAnalysis(self))
    }

    /// The graph's resolved names, once it is known to be valid.
    func validatedAnalysis() throws(GraphError) -> GraphAnalysis {
        let analysis = GraphAnalysis(self)
        let problems = problems(analysis)
        if !problems.isEmpty {
            throw GraphError(problems: problems)
        }
        return analysis
    }

    private func problems(_ analysis: GraphAnalysis) -> [GraphError.Problem] {
        var problems = duplicateProblems(analysis)
        problems += referenceProblems(analysis)
        problems += edgeCountProblems(analysis)
        problems += typeProblems(analysis)
        problems += cycleProblems(analysis)
        return problems
    }

    private func duplicateProblems(_ analysis: GraphAnalysis) -> [GraphError.Problem] {
        var problems: [GraphError.Problem] = []
        let ids = analysis.hasDuplicateNodes(in: self) ? nodes.map { $0.id } : []
        for (id, count) in repeated(ids) {
            problems.append(GraphError.Problem(
                kind: .duplicateNode, nodeIDs: [id],
                message: "Node id '\(id)' is used by \(count) nodes; give each node its own id."
            ))
        }
        for (name, count) in repeated(inputs.map { $0.name }) {
            problems.append(GraphError.Problem(
                kind: .duplicateInput, nodeIDs: [name],
                message: "Graph input '\(name)' is declared \(count) times; declare it once."
            ))
        }
        for (name, count) in repeated(outputs.map { $0.name }) {
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

    private func referenceProblems(_ analysis: GraphAnalysis) -> [GraphError.Problem] {
        var problems: [GraphError.Problem] = []
        for (position, edge) in edges.enumerated() {
            if analysis.edgeTargets[position] == nil {
                problems.append(GraphError.Problem(
                    kind: .unknownNode, nodeIDs: [edge.target],
                    message: "An edge from \(edge.source) goes to node '\(edge.target)', "
                        + "which was never added; add it with addNode(id:) or fix the id."
                ))
            }
            let isKnown = edge.source.nodeID == nil || analysis.edgeSources[position] != nil
            problems += sourceProblems(edge.source, isKnownNode: isKnown,
                                       reader: "Node '\(edge.target)'", readerID: edge.target,
                                       analysis: analysis)
        }
        for output in outputs {
            let isKnown = output.source.nodeID.map { analysis.nodeIndex[$0] != nil } ?? true
            problems += sourceProblems(output.source, isKnownNode: isKnown,
                                       reader: "Graph output '\(output.name)'",
                                       readerID: output.name, analysis: analysis)
        }
        return problems
    }

    private func sourceProblems(
        _ source: ValueSource,
        isKnownNode: Bool,
        reader: @autoclosure () -> String,
        readerID: String,
        analysis: GraphAnalysis
    ) -> [GraphError.Problem] {
        switch source {
        case .input(let name) where !analysis.inputTypes.keys.contains(name):
            return [GraphError.Problem(
                kind: .unknownInput, nodeIDs: [readerID, name],
                message: "\(reader()) reads graph input '\(name)', which was never declared; "
                    + "declare it with addInput(_:) or fix the name."
            )]
        case .node(let id) where !isKnownNode, .field(let id, _) where !isKnownNode:
            return [GraphError.Problem(
                kind: .unknownNode, nodeIDs: [id, readerID],
                message: "\(reader()) reads from node '\(id)', which was never added; "
                    + "add it with addNode(id:) or fix the id."
            )]
        default:
            return []
        }
    }

    private func edgeCountProblems(_ analysis: GraphAnalysis) -> [GraphError.Problem] {
        let hasDuplicates = analysis.hasDuplicateNodes(in: self)
        var problems: [GraphError.Problem] = []
        for (index, node) in nodes.enumerated() {
            if hasDuplicates, analysis.nodeIndex[node.id] != index { continue }
            let count = analysis.edgesByNode.count(of: index)
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

    private func typeProblems(_ analysis: GraphAnalysis) -> [GraphError.Problem] {
        var problems: [GraphError.Problem] = []
        for (position, edge) in edges.enumerated() {
            guard let target = analysis.edgeTargets[position],
                  let expected = nodes[target].inputType
            else { continue }
            let actual: ValueType?
            switch edge.source {
            case .input(let name):
                actual = analysis.inputTypes[name] ?? nil
            case .node:
                actual = analysis.edgeSources[position].flatMap { nodes[$0].outputType }
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

    private func cycleProblems(_ analysis: GraphAnalysis) -> [GraphError.Problem] {
        guard !analysis.isAcyclic else { return [] }
        let successors = analysis.successors.map { Array($0) }
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
