import EmberXCS

/// Doubles an integer.
struct Doubler: Operator {
    func run(_ input: Int) async throws -> Int { input * 2 }
}

/// Counts the characters of a string.
struct Counting: Operator {
    func run(_ input: String) async throws -> Int { input.count }
}

/// A node operation that returns a constant.
func constant(_ value: some Sendable) -> NodeOperation {
    { _ in value }
}

/// A node operation that adds up its integer inputs.
let sum: NodeOperation = { inputs in
    inputs.values.reduce(0) { $0 + ($1 as? Int ?? 0) }
}
