/// What a node computes from its inputs.
///
/// The operation is called once per run with the values of the node's incoming edges. It runs
/// inside the scheduler's task, so cancelling the run cancels it; it may read
/// ``NodeContext/current`` and attach annotations to its trace event.
public typealias NodeOperation = @Sendable (NodeInputs) async throws -> any Sendable

/// A node as it was added to a ``Graph``.
struct GraphNode: Sendable {
    /// How many incoming edges a node accepts.
    enum EdgeRequirement: Sendable, Hashable {
        /// Any number, including none: a source node.
        case any
        /// One or more.
        case atLeastOne
        /// Exactly one, whose value becomes the operator's input.
        case exactlyOne
    }

    var id: String
    var label: String?
    var descriptor: OperatorDescriptor?
    var inputType: ValueType?
    var outputType: ValueType?
    var edgeRequirement: EdgeRequirement
    var operation: NodeOperation
}

/// A type known when a graph is built, compared by identity when edges are checked.
struct ValueType: Sendable, Hashable, CustomStringConvertible {
    let identifier: ObjectIdentifier
    let name: String
    /// Whether the type is an existential (`Any`, `any Sendable`, `any P`), which values of
    /// many types can fill.
    let isExistential: Bool

    init(_ type: Any.Type) {
        identifier = ObjectIdentifier(type)
        name = String(describing: type)
        // The metatype of an existential prints as `P.Protocol`, a concrete one as `T.Type`;
        // the runtime offers no other public test.
        isExistential = String(describing: Swift.type(of: type)).hasSuffix(".Protocol")
    }

    /// Whether a value of type `other` may flow into a slot of this type.
    ///
    /// Concrete types must match exactly. An existential slot accepts every source, since
    /// whether a concrete type conforms is known only from a value: the cast when the node
    /// runs decides.
    func accepts(_ other: ValueType) -> Bool {
        isExistential || identifier == other.identifier
    }

    var description: String { name }
}

/// A directed edge: `source` feeds node `target`, on `port` when one was named.
struct GraphEdge: Sendable {
    var source: ValueSource
    var target: String
    var port: String?
    /// Where the target and the source node were found when the edge was connected, if they
    /// were among the nodes just added; compilation uses them in place of hashing the ids.
    var targetHint: Int?
    var sourceHint: Int?
}

/// A named value the graph returns.
struct GraphOutput: Sendable, Hashable {
    var source: ValueSource
    var name: String
}

/// A named value the caller supplies when running the graph.
struct GraphInput: Sendable, Hashable {
    var name: String
    var type: ValueType?
}
