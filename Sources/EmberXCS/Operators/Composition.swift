/// Two operators run one after the other: the first's output is the second's input.
///
/// Built with `>>`, which compiles only when the types line up.
public struct SequenceOperator<First: Operator, Second: Operator>: Operator
where First.Output == Second.Input {
    /// The operator that runs first.
    public let first: First
    /// The operator that runs on the first one's output.
    public let second: Second

    /// Creates the sequence `first >> second`.
    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "\(first.descriptor.name) >> \(second.descriptor.name)",
                           input: first.descriptor.input, output: second.descriptor.output)
    }

    public func run(_ input: First.Input) async throws -> Second.Output {
        try await second(try await first(input))
    }
}

/// Feeds `first`'s output to `second`: `tokenize >> classify`.
///
/// This overloads the standard library's `>>`, whose precedence group is not associative:
/// write a longer chain as `(a >> b) >> c`, or use ``Sequential``.
public func >> <First: Operator, Second: Operator>(first: First, second: Second)
    -> SequenceOperator<First, Second> where First.Output == Second.Input
{
    SequenceOperator(first, second)
}

/// Several operators run concurrently on one input; their outputs come back in their order.
///
/// The first failure cancels the others and is thrown.
public struct ParallelOperator<Input: Sendable, Output: Sendable>: Operator {
    /// The operators, in the order of the outputs.
    public let branches: [any Operator<Input, Output>]

    /// Creates a fan-out over `branches`.
    public init(_ branches: [any Operator<Input, Output>]) {
        self.branches = branches
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "Parallel(\(branches.count))",
                           input: String(describing: Input.self),
                           output: "[\(String(describing: Output.self))]")
    }

    public func run(_ input: Input) async throws -> [Output] {
        try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            for (index, branch) in branches.enumerated() {
                group.addTask { (index, try await branch(input)) }
            }
            var outputs = [Output?](repeating: nil, count: branches.count)
            for try await (index, output) in group {
                outputs[index] = output
            }
            return outputs.map { $0! }
        }
    }
}

/// An operator made from a closure.
public struct FunctionOperator<Input: Sendable, Output: Sendable>: Operator {
    /// The name the operator reports.
    public let name: String
    private let body: @Sendable (Input) async throws -> Output

    /// Creates an operator named `name` that runs `body`.
    public init(_ name: String = "Function",
                _ body: @escaping @Sendable (Input) async throws -> Output) {
        self.name = name
        self.body = body
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: name, input: String(describing: Input.self),
                           output: String(describing: Output.self))
    }

    public func run(_ input: Input) async throws -> Output {
        try await body(input)
    }
}

extension Operator {
    /// Runs the operator on every element of `batch`, at most `maximumConcurrency` at once,
    /// and returns the outputs in the batch's order.
    ///
    /// The first failure cancels the elements still running and is thrown as a
    /// ``BatchElementError`` that names the element's index;
    /// ``mapCollectingFailures(_:maximumConcurrency:)`` runs every element and returns each
    /// one's output or error. Cancelling the calling task cancels the running elements and
    /// throws `CancellationError`.
    public func map(_ batch: [Input], maximumConcurrency: Int? = nil) async throws -> [Output] {
        try await BatchRun.run(
            count: batch.count, capacities: [maximumConcurrency ?? batch.count],
            stopsAtFirstFailure: true
        ) { index, _ in try await self(batch[index]) }.map { try $0.get() }
    }
}

/// The error of one element of a batch, with its position.
public struct BatchElementError: Error, CustomStringConvertible {
    /// The element's index in the batch.
    public let index: Int
    /// What the element's run threw.
    public let underlying: any Error

    public var description: String { "Batch element \(index) failed: \(underlying)" }
}

/// Operators of one type run in order, each on the previous one's output.
public struct Sequential<Value: Sendable>: Operator {
    /// The steps, in the order they run.
    public let steps: [any Operator<Value, Value>]

    /// Creates a chain of `steps`; with none, it returns its input.
    public init(_ steps: [any Operator<Value, Value>]) {
        self.steps = steps
    }

    public var descriptor: OperatorDescriptor {
        let names = steps.map(\.descriptor.name).joined(separator: ", ")
        return OperatorDescriptor(name: "Sequential(\(names))",
                                  input: String(describing: Value.self),
                                  output: String(describing: Value.self))
    }

    public func run(_ input: Value) async throws -> Value {
        var value = input
        for step in steps {
            value = try await step(value)
        }
        return value
    }
}
