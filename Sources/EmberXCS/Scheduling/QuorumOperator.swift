/// An operator that gives its input to several operators at once and returns as soon as a
/// ``QuorumRule`` holds over their outputs, cancelling the rest.
///
/// Add it to a graph like any operator; read the agreed value through a field edge:
///
/// ```swift
/// graph.addNode(id: "vote", QuorumOperator(.agreeing(2), branches: [first, second, third]))
/// graph.connect(.input("question"), to: "vote")
/// graph.addOutput(.field(node: "vote", field: "value"), name: "answer")
/// ```
public struct QuorumOperator<Input: Sendable, Value: Sendable>: Operator {
    /// The operators that each get the input.
    public var branches: [any Operator<Input, Value>]
    /// When to stop and how many branches run at once.
    public var quorum: Quorum<Value>

    /// Creates a quorum over operators.
    ///
    /// - Parameters:
    ///   - rule: When to stop.
    ///   - branches: The operators to run, each on the same input.
    ///   - maximumConcurrency: The most branches running at once; `nil` starts them all.
    public init(
        _ rule: QuorumRule<Value>,
        branches: [any Operator<Input, Value>],
        maximumConcurrency: Int? = nil
    ) {
        self.branches = branches
        self.quorum = Quorum(rule, maximumConcurrency: maximumConcurrency)
    }

    /// `Quorum` over the branches' input and output types, with the rule as its summary.
    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(
            name: "Quorum",
            input: String(describing: Input.self),
            output: String(describing: QuorumResult<Value>.self),
            summary: "Stops when \(quorum.rule) of \(branches.count) branches."
        )
    }

    /// Runs every branch on `input` until the rule holds.
    ///
    /// - Throws: ``QuorumError`` when the rule can no longer hold.
    public func run(_ input: Input) async throws -> QuorumResult<Value> {
        try await quorum.run(branches.map { branch in
            { try await branch(input) }
        })
    }
}
