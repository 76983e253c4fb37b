/// How the JIT tells one operator from another.
///
/// Two calls can share a result only when their operators are equal: of the same type and,
/// since the type is `Hashable`, equal as values. An operator whose type is not `Hashable`
/// has no such identity (``key`` is `nil`): its calls always run plainly, and the JIT compares
/// it by type and descriptor name only to notice a changed call path.
struct OperatorIdentity: Hashable, Sendable {
    /// The operator's type.
    let type: ObjectIdentifier
    /// The operator itself, when its type is `Hashable`.
    let key: HashKey?
    /// The descriptor's name when the type is not `Hashable`, for the path check.
    let name: String?

    init<Op: Operator>(_ op: Op) {
        type = ObjectIdentifier(Op.self)
        key = HashKey(op)
        // A descriptor can cost microseconds (a type's name is built as text); a Hashable
        // operator needs none to be told apart.
        name = key == nil ? op.descriptor.name : nil
    }
}

/// An operator with an identity the JIT can compare, given by a key of the caller's choice.
///
/// The JIT hands a launched result only to a call of an *equal* operator, so it matches only
/// operators whose type is `Hashable`. An operator that holds what cannot be compared (a
/// closure, a connection) is not; wrap one with ``Operator/identified(by:)`` and a key that
/// captures everything that decides its output (the model id, the temperature, the
/// prompt's version):
///
/// ```swift
/// let drafter = streamingDrafter.identified(by: "draft@openai/gpt-4o-mini,t=0.7")
/// ```
///
/// Two identified operators are equal when their base types and keys are equal; giving one
/// key to operators that behave differently makes the JIT hand one's result to the other.
public struct IdentifiedOperator<Base: Operator>: Operator, Hashable {
    /// The operator that does the work.
    public let base: Base
    private let key: HashKey

    /// Wraps `base`, identified by `key`.
    public init<Key: Hashable & Sendable>(_ base: Base, key: Key) {
        self.base = base
        self.key = HashKey(key)!
    }

    /// The base operator's descriptor.
    public var descriptor: OperatorDescriptor { base.descriptor }

    /// Runs the base operator through its `callAsFunction`.
    public func run(_ input: Base.Input) async throws -> Base.Output {
        try await base(input)
    }

    public static func == (left: Self, right: Self) -> Bool {
        left.key == right.key
    }

    public func hash(into hasher: inout Hasher) {
        key.hash(into: &hasher)
    }
}

extension Operator {
    /// This operator with an identity the JIT can compare: equal to another when both wrap
    /// the same type and their keys are equal. See ``IdentifiedOperator``.
    public func identified<Key: Hashable & Sendable>(by key: Key) -> IdentifiedOperator<Self> {
        IdentifiedOperator(self, key: key)
    }
}
