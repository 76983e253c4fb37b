/// The values a node receives when it runs, one per incoming edge, in the order the edges were
/// connected.
///
/// A node with two edges, `connect(.input("question"), to: "judge")` then
/// `connect(.node("draft"), to: "judge", port: "candidate")`, receives the question first and
/// the draft second, and can read them by position, by source or by port:
///
/// ```swift
/// let question = inputs["question"] as? String
/// let draft = inputs["candidate"] as? String
/// ```
public struct NodeInputs: Sendable {
    /// The values, one per incoming edge, in connection order.
    public var values: [any Sendable]
    /// Where each value came from, aligned with ``values``.
    public var sources: [ValueSource]
    /// Each edge's port: the name given to `connect(_:to:port:)`, or the source's
    /// ``ValueSource/defaultPort`` when none was given. Aligned with ``values``.
    public var ports: [String]

    /// Creates the inputs of a node; the three arrays must have the same length.
    public init(values: [any Sendable], sources: [ValueSource], ports: [String]? = nil) {
        precondition(values.count == sources.count, "one source per value")
        self.values = values
        self.sources = sources
        self.ports = ports ?? sources.map(\.defaultPort)
        precondition(self.ports.count == values.count, "one port per value")
    }

    /// The number of values.
    public var count: Int { values.count }

    /// Whether the node has no incoming edge.
    public var isEmpty: Bool { values.isEmpty }

    /// The value that came from `source`, or `nil` when no edge brought one.
    ///
    /// When two edges share a source, the first one's value is returned.
    public func value(from source: ValueSource) -> (any Sendable)? {
        sources.firstIndex(of: source).map { values[$0] }
    }

    /// The value that arrived on the port named `port`, or `nil` when there is none.
    public subscript(port: String) -> (any Sendable)? {
        ports.firstIndex(of: port).map { values[$0] }
    }

    /// The value at `index`, cast to `type`, or `nil` when the index is out of range or the
    /// value has another type.
    public func value<Value>(at index: Int, as type: Value.Type = Value.self) -> Value? {
        values.indices.contains(index) ? values[index] as? Value : nil
    }
}
