extension Graph {
    /// The graph as a Mermaid flowchart, left to right: graph inputs and outputs as stadiums,
    /// nodes as boxes labelled with their label (or id) and operator name, field and port
    /// edges labelled with the field or port.
    ///
    /// Mermaid ids are derived from node ids (letters, digits and `_`, with a prefix so that
    /// no id is a Mermaid keyword); labels carry the original text.
    ///
    /// ```text
    /// flowchart LR
    ///   input_question(["question"])
    ///   node_draft["draft<br/>Drafting"]
    ///   output_answer(["answer"])
    ///   input_question --> node_draft
    ///   node_draft --> output_answer
    /// ```
    public func mermaid() -> String {
        let diagram = GraphDiagram(self)
        var identifiers: [String: String] = [:]
        var used: Set<String> = []
        for vertex in diagram.vertices where identifiers[vertex.key] == nil {
            let base = Self.mermaidIdentifier(for: vertex)
            var candidate = base
            var suffix = 2
            while used.contains(candidate) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            identifiers[vertex.key] = candidate
        }
        func identifier(_ key: String) -> String {
            identifiers[key] ?? "node_" + Self.mermaidSafe(key)
        }

        var lines = ["flowchart LR"]
        for vertex in diagram.vertices {
            let label = vertex.lines.map(Self.mermaidEscaped).joined(separator: "<br/>")
            let shape = vertex.isTerminal ? "([\"\(label)\"])" : "[\"\(label)\"]"
            lines.append("  " + identifier(vertex.key) + shape)
        }
        for arrow in diagram.arrows {
            let label = arrow.label.map { "|\"\(Self.mermaidEscaped($0))\"| " } ?? " "
            lines.append("  \(identifier(arrow.from)) -->\(label)\(identifier(arrow.to))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func mermaidIdentifier(for vertex: GraphDiagram.Vertex) -> String {
        let key = vertex.key
        if key.hasPrefix("input:"), vertex.isTerminal {
            return "input_" + mermaidSafe(String(key.dropFirst("input:".count)))
        }
        if key.hasPrefix("output:"), vertex.isTerminal {
            return "output_" + mermaidSafe(String(key.dropFirst("output:".count)))
        }
        return "node_" + mermaidSafe(key)
    }

    private static func mermaidSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
                ? Character(scalar) : "_"
        })
    }

    private static func mermaidEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "#quot;"
            case "\n": result += "<br/>"
            default: result.append(character)
            }
        }
        return result
    }
}
