/// A value given to a node parameter in the notation.
public enum NotationValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    /// A JSON array or object, as written.
    case json(String)

    /// The value as a number, if it is one.
    public var number: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    /// The value as text: a string as it is, anything else as written.
    public var text: String {
        switch self {
        case .string(let value), .json(let value): value
        case .number(let value):
            value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .bool(let value): String(value)
        }
    }

    public var description: String {
        if case .string(let value) = self { "\"\(value)\"" } else { text }
    }
}

/// One node of a system as the notation describes it: `3E!votes@local/smollm2(temp=0.7)`.
public struct NodeSpecification: Sendable, Hashable {
    /// How many samples or units the node has (1 when not written).
    public var count: Int
    /// The node's upper-case code, such as `E`.
    public var code: String
    /// The node's id: its alias, or the code in lower case with its position (`e1`).
    public var id: String
    /// Whether ``id`` was written as an alias.
    public var hasAlias: Bool
    /// The model as written, with `provider:model` normalised to `provider/model`; `nil`
    /// when none was written.
    public var model: String?
    /// The parameters by their canonical key (`temperature`, not `temp`).
    public var parameters: [String: NotationValue]
    /// The node's text as written.
    public var text: String
    /// Where the node's text starts in ``source``.
    public var offset: Int
    /// The description the node was written in.
    public var source: String
    /// The component the node came from, when it came from a `$name`.
    public var component: String?

    /// Where the model is written in ``text`` (just after its `@`), or 0 with no `@`.
    public var modelOffset: Int {
        text.firstIndex(of: "@").map { text.distance(from: text.startIndex, to: $0) + 1 } ?? 0
    }

    /// The error for something wrong in this node, at `relativeOffset` into its text.
    public func error(_ problem: String, at relativeOffset: Int = 0,
                      hint: String? = nil) -> NotationError {
        NotationError(problem, offset: offset + relativeOffset, in: source, hint: hint,
                      component: component)
    }
}

/// A flow between nodes: the output of `from` feeds `to`.
public struct FlowSpecification: Sendable, Hashable {
    /// The node whose output flows.
    public var from: String
    /// The node it flows into.
    public var to: String

    /// Creates a flow from one node to another.
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// A parsed system: its nodes in order and its flows.
public struct SystemSpecification: Sendable, Hashable {
    /// The nodes, in the order written (components expanded in place).
    public var nodes: [NodeSpecification]
    /// The flows; when none were written, the nodes form a chain in order.
    public var flows: [FlowSpecification]
    /// Whether the flows were written explicitly rather than implied by the order.
    public var hasExplicitFlows: Bool
}
