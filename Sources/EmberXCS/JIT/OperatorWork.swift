/// An operator captured by the JIT, able to run again on a value of its input type.
struct OperatorWork: Sendable {
    /// Whether the operator's input type is `Hashable`, so a launched result can be matched.
    let isInputHashable: Bool
    private let describe: @Sendable () -> OperatorDescriptor
    private let start: @Sendable (any Sendable) -> (@Sendable () async throws -> any Sendable)?

    init<Op: Operator>(_ op: Op) {
        isInputHashable = Op.Input.self is any Hashable.Type
        describe = { op.descriptor }
        start = { value in
            guard let input = value as? Op.Input else { return nil }
            return { try await op(input) }
        }
    }

    /// The operator's descriptor, made when asked for.
    var descriptor: OperatorDescriptor {
        describe()
    }

    /// The call of the operator on `value`, or `nil` when `value` is not of its input type.
    ///
    /// The call goes through `callAsFunction`, outside any JIT session, so a session that
    /// launches it does not see the operator's own inner calls.
    func call(on value: any Sendable) -> (@Sendable () async throws -> any Sendable)? {
        guard let body = start(value) else { return nil }
        return { try await JITSession.$current.withValue(nil) { try await body() } }
    }
}
