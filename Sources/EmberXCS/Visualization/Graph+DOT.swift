extension Graph {
    /// The graph in Graphviz DOT, left to right: graph inputs and outputs as ellipses, nodes
    /// as boxes labelled with their label (or id) and operator name, field and port edges
    /// labelled with the field or port.
    ///
    /// Every id is quoted, so any text is safe. Render with `dot -Tsvg graph.dot`.
    ///
    /// ```text
    /// digraph "graph" {
    ///   rankdir=LR;
    ///   node [shape=box];
    ///   "input:question" [label="question", shape=ellipse];
    ///   "draft" [label="draft\nDrafting"];
    ///   "output:answer" [label="answer", shape=ellipse];
    ///   "input:question" -> "draft";
    ///   "draft" -> "output:answer";
    /// }
    /// ```
    ///
    /// - Parameter title: The name of the digraph.
    public func dot(title: String = "graph") -> String {
        let diagram = GraphDiagram(self)
        var lines = ["digraph \(Self.dotQuoted(title)) {", "  rankdir=LR;", "  node [shape=box];"]
        for vertex in diagram.vertices {
            let label = vertex.lines.map(Self.dotEscaped).joined(separator: "\\n")
            let shape = vertex.isTerminal ? ", shape=ellipse" : ""
            lines.append("  \(Self.dotQuoted(vertex.key)) [label=\"\(label)\"\(shape)];")
        }
        for arrow in diagram.arrows {
            let label = arrow.label.map { " [label=\(Self.dotQuoted($0))]" } ?? ""
            lines.append("  \(Self.dotQuoted(arrow.from)) -> \(Self.dotQuoted(arrow.to))\(label);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func dotQuoted(_ text: String) -> String {
        "\"" + dotEscaped(text) + "\""
    }

    private static func dotEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": continue
            default: result.append(character)
            }
        }
        return result
    }
}
