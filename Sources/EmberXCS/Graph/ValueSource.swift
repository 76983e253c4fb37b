/// Where a value that flows along an edge comes from.
///
/// A graph input is named when the graph is run; a node's value is its whole output; a field is
/// one stored property of a node's output, read by name when the graph runs.
public enum ValueSource: Hashable, Sendable {
    /// The graph input with this name.
    case input(String)
    /// The whole output of the node with this id.
    case node(String)
    /// The stored property `field` of the output of the node with id `node`.
    ///
    /// The field is read with `Mirror` when the node finishes; a dotted name such as
    /// `"answer.text"` reads a property of a property. A dictionary with `String` keys is read
    /// by key.
    case field(node: String, field: String)
}

extension ValueSource {
    /// The node this source reads from, or `nil` for a graph input.
    public var nodeID: String? {
        switch self {
        case .input: nil
        case .node(let id), .field(let id, _): id
        }
    }

    /// The port name an edge from this source has when it is connected without one.
    ///
    /// It is the input's name, the node's id or the field's name; for a dotted field such as
    /// `answer.text`, the last name (`text`).
    public var defaultPort: String {
        switch self {
        case .input(let name): name
        case .node(let id): id
        case .field(_, let field): field.split(separator: ".").last.map(String.init) ?? field
        }
    }

    /// Whether the whole value is passed on, rather than one field of it.
    public var isWholeValue: Bool {
        if case .field = self { return false }
        return true
    }
}

extension ValueSource: CustomStringConvertible {
    /// `input:name` for a graph input, the id for a node, `id.field` for a field.
    public var description: String {
        switch self {
        case .input(let name): "input:\(name)"
        case .node(let id): id
        case .field(let id, let field): "\(id).\(field)"
        }
    }
}
