/// The values a node receives when it runs, one per incoming edge, in the order the edges were
/// connected.
///
/// A node with two edges, `connect(.input("question"), to: "judge")` then
/// `connect(.node("draft"), to: "judge", port: "candidate")`, receives the question first and
/// the draft second, and can read them by position, by source or by port:
///
/// ```swift
/// let question = inputs[0] as? String
/// let draft = inputs["candidate"] as? String
/// ```
///
/// The inputs are a random-access collection of their values, so `first`, `map` and the rest
/// read them in place. A node with one edge, the usual case, keeps its value inline: running
/// it allocates no array.
public struct NodeInputs: Sendable {
    private var storage: Values
    private var edges: Edges

    /// The values themselves.
    private enum Values: Sendable {
        case none
        case one(any Sendable)
        case many([any Sendable])

        init(_ values: [any Sendable]) {
            switch values.count {
            case 0: self = .none
            case 1: self = .one(values[0])
            default: self = .many(values)
            }
        }
    }

    /// Where the sources and ports are kept.
    private enum Edges: Sendable {
        /// In the plan's edges, under this step: what a scheduler passes, so that running a
        /// node copies no list and retains one reference.
        case plan(ExecutionPlan, step: Int)
        /// In arrays of their own, for inputs made by hand or changed.
        case own(sources: [ValueSource], ports: [String])
    }

    /// The values, one per incoming edge, in connection order.
    public var values: [any Sendable] {
        get {
            switch storage {
            case .none: []
            case .one(let value): [value]
            case .many(let values): values
            }
        }
        set { storage = Values(newValue) }
    }

    /// Where each value came from, aligned with ``values``.
    public var sources: [ValueSource] {
        get {
            switch edges {
            case .plan(let plan, let step): plan.edges(ofStep: step).map(\.source)
            case .own(let sources, _): sources
            }
        }
        set { edges = .own(sources: newValue, ports: ports) }
    }

    /// Each edge's port: the name given to `connect(_:to:port:)`, or the source's
    /// ``ValueSource/defaultPort`` when none was given. Aligned with ``values``.
    public var ports: [String] {
        get {
            switch edges {
            case .plan(let plan, let step): plan.edges(ofStep: step).map(\.portName)
            case .own(_, let ports): ports
            }
        }
        set { edges = .own(sources: sources, ports: newValue) }
    }

    /// Creates the inputs of a node; the three arrays must have the same length.
    public init(values: [any Sendable], sources: [ValueSource], ports: [String]? = nil) {
        precondition(values.count == sources.count, "one source per value")
        let ports = ports ?? sources.map(\.defaultPort)
        precondition(ports.count == values.count, "one port per value")
        storage = Values(values)
        edges = .own(sources: sources, ports: ports)
    }

    /// The inputs of a plan's step, one value per incoming edge.
    init(values: [any Sendable], plan: ExecutionPlan, step: Int) {
        storage = Values(values)
        edges = .plan(plan, step: step)
    }

    /// The input of a plan's step that has a single incoming edge.
    init(value: any Sendable, plan: ExecutionPlan, step: Int) {
        storage = .one(value)
        edges = .plan(plan, step: step)
    }

    /// The number of values.
    public var count: Int {
        switch storage {
        case .none: 0
        case .one: 1
        case .many(let values): values.count
        }
    }

    /// Whether the node has no incoming edge.
    public var isEmpty: Bool { count == 0 }

    /// The value that came from `source`, or `nil` when no edge brought one.
    ///
    /// When two edges share a source, the first one's value is returned.
    public func value(from source: ValueSource) -> (any Sendable)? {
        switch edges {
        case .plan(let plan, let step):
            firstValue(among: plan.edges(ofStep: step)) { $0.source == source }
        case .own(let sources, _):
            sources.firstIndex(of: source).map { self[$0] }
        }
    }

    /// The value that arrived on the port named `port`, or `nil` when there is none.
    public subscript(port: String) -> (any Sendable)? {
        switch edges {
        case .plan(let plan, let step):
            firstValue(among: plan.edges(ofStep: step)) { $0.portName == port }
        case .own(_, let ports):
            ports.firstIndex(of: port).map { self[$0] }
        }
    }

    /// The value of the first of a plan step's edges that satisfies `matches`.
    private func firstValue(
        among edges: LazyMapCollection<ArraySlice<Int>, GraphEdge>,
        where matches: (GraphEdge) -> Bool
    ) -> (any Sendable)? {
        edges.firstIndex(where: matches).map { index in
            self[edges.distance(from: edges.startIndex, to: index)]
        }
    }

    /// The value at `index`, cast to `type`, or `nil` when the index is out of range or the
    /// value has another type.
    public func value<Value>(at index: Int, as type: Value.Type = Value.self) -> Value? {
        indices.contains(index) ? self[index] as? Value : nil
    }
}

extension NodeInputs: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The value on the edge at `position`, in connection order.
    public subscript(position: Int) -> any Sendable {
        switch storage {
        case .one(let value):
            precondition(position == 0, "input index out of range")
            return value
        case .many(let values):
            return values[position]
        case .none:
            preconditionFailure("input index out of range")
        }
    }
}
