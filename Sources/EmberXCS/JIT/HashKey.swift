/// A `Sendable` value compared and hashed as `AnyHashable` compares and hashes it.
///
/// `AnyHashable` itself is not `Sendable`, so the JIT keeps the value as `any Sendable`, checked
/// once to be `Hashable`, and makes the `AnyHashable` each time it compares or hashes.
struct HashKey: Hashable, Sendable {
    private let value: any Sendable

    /// Wraps `value`, or returns `nil` when its type is not `Hashable`.
    init?(_ value: any Sendable) {
        guard value is any Hashable else { return nil }
        self.value = value
    }

    /// The value as `AnyHashable`; the initialiser checked that the cast succeeds.
    var hashable: AnyHashable {
        let base = value as! any Hashable
        return AnyHashable(base)
    }

    static func == (left: HashKey, right: HashKey) -> Bool {
        left.hashable == right.hashable
    }

    func hash(into hasher: inout Hasher) {
        hashable.hash(into: &hasher)
    }
}
