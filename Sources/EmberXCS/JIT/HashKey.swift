/// A `Sendable` value compared and hashed as its own `Hashable` conformance does.
///
/// `AnyHashable` is not `Sendable`, so the JIT keeps the value as `any Sendable`, checked once
/// to be `Hashable`, with its hash and a comparison made for its type: comparing two keys
/// casts both values to that type, with no conformance lookup.
struct HashKey: Hashable, Sendable {
    private let value: any Sendable
    private let hashValueOfValue: Int
    private let comparison: any ValueComparison

    /// Wraps `value`, or returns `nil` when its type is not `Hashable`.
    init?(_ value: some Sendable) {
        guard let hashable = value as? any Hashable else { return nil }
        self.value = value
        hashValueOfValue = hashable.hashValue
        comparison = Self.comparison(for: hashable)
    }

    private static func comparison<Concrete: Hashable>(for _: Concrete)
        -> any ValueComparison {
        ConcreteComparison<Concrete>()
    }

    static func == (left: HashKey, right: HashKey) -> Bool {
        left.hashValueOfValue == right.hashValueOfValue
            && left.comparison.isEqual(left.value, right.value)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hashValueOfValue)
    }
}

/// Compares two values as one `Hashable` type.
private protocol ValueComparison: Sendable {
    /// Whether both values are of the type and equal.
    func isEqual(_ left: any Sendable, _ right: any Sendable) -> Bool
}

private struct ConcreteComparison<Concrete: Hashable>: ValueComparison {
    func isEqual(_ left: any Sendable, _ right: any Sendable) -> Bool {
        guard let left = left as? Concrete, let right = right as? Concrete else { return false }
        return left == right
    }
}
