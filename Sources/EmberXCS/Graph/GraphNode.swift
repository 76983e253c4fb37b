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

    /// What a node may declare beyond its id and work, kept apart so that a node without
    /// any of it (most of a large graph's) stores one empty reference: a graph of 10,000
    /// nodes then moves, copies and faults in a fraction of the memory.
    final class Details: Sendable {
        let label: String?
        let descriptor: OperatorDescriptor?
        let inputType: ValueType?
        let outputType: ValueType?

        init(label: String?, descriptor: OperatorDescriptor?, inputType: ValueType?,
             outputType: ValueType?) {
            self.label = label
            self.descriptor = descriptor
            self.inputType = inputType
            self.outputType = outputType
        }
    }

    var id: String
    var edgeRequirement: EdgeRequirement
    var operation: NodeOperation
    private var details: Details?

    init(
        id: String,
        label: String?,
        descriptor: OperatorDescriptor?,
        inputType: ValueType?,
        outputType: ValueType?,
        edgeRequirement: EdgeRequirement,
        operation: @escaping NodeOperation
    ) {
        self.id = id
        self.edgeRequirement = edgeRequirement
        self.operation = operation
        let isPlain = label == nil && descriptor == nil && inputType == nil && outputType == nil
        details = isPlain ? nil : Details(label: label, descriptor: descriptor,
                                          inputType: inputType, outputType: outputType)
    }

    /// A human-readable name for diagrams, when one was given.
    var label: String? { details?.label }
    /// What the node does, for diagrams and reports.
    var descriptor: OperatorDescriptor? { details?.descriptor }
    /// The type each whole-value edge into the node must carry, when known.
    var inputType: ValueType? { details?.inputType }
    /// The type the node's operation returns, when known.
    var outputType: ValueType? { details?.outputType }
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

    /// The name the receiving node reads the value by: the port given, or the source's
    /// ``ValueSource/defaultPort``.
    var portName: String { port ?? source.defaultPort }
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
