/// The parts of a graph a diagram draws, shared by the DOT and Mermaid renderers.
struct GraphDiagram {
    /// A box or an ellipse in the diagram.
    struct Vertex {
        /// A key unique among the diagram's vertices.
        var key: String
        /// The text shown, one line per element.
        var lines: [String]
        /// Whether it is a graph input or output rather than a node.
        var isTerminal: Bool
    }

    /// An arrow in the diagram, between vertex keys.
    struct Arrow {
        var from: String
        var to: String
        var label: String?
    }

    var vertices: [Vertex] = []
    var arrows: [Arrow] = []

    init(_ graph: Graph) {
        for input in graph.inputs {
            vertices.append(Vertex(key: Self.inputKey(input.name), lines: [input.name],
                                   isTerminal: true))
        }
        for node in graph.nodes {
            var lines = [node.label ?? node.id]
            if let name = node.descriptor?.name, name != lines[0] { lines.append(name) }
            vertices.append(Vertex(key: node.id, lines: lines, isTerminal: false))
        }
        for output in graph.outputs {
            vertices.append(Vertex(key: Self.outputKey(output.name), lines: [output.name],
                                   isTerminal: true))
        }
        for edge in graph.edges {
            arrows.append(Arrow(from: Self.key(of: edge.source), to: edge.target,
                                label: Self.label(of: edge.source, port: edge.port)))
        }
        for output in graph.outputs {
            arrows.append(Arrow(from: Self.key(of: output.source),
                                to: Self.outputKey(output.name),
                                label: Self.label(of: output.source, port: nil)))
        }
    }

    static func inputKey(_ name: String) -> String { "input:\(name)" }

    static func outputKey(_ name: String) -> String { "output:\(name)" }

    private static func key(of source: ValueSource) -> String {
        switch source {
        case .input(let name): inputKey(name)
        case .node(let id), .field(let id, _): id
        }
    }

    /// The field read, the port named, both (`field as port`) or neither.
    private static func label(of source: ValueSource, port: String?) -> String? {
        let field: String? = if case .field(_, let name) = source { name } else { nil }
        let port = port == source.defaultPort ? nil : port
        switch (field, port) {
        case (let field?, let port?): return "\(field) as \(port)"
        case (let field?, nil): return field
        case (nil, let port?): return port
        case (nil, nil): return nil
        }
    }
}
