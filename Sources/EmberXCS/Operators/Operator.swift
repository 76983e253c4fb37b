/// A typed, asynchronous step of a compound system: takes an `Input`, produces an `Output`.
///
/// Operators are values (usually structs) that describe themselves, compose with `>>` and
/// ``ParallelOperator``, and become nodes of a ``Graph``. Call one as a function:
///
/// ```swift
/// let answer = try await ensemble(query)
/// ```
///
/// Cancelling the calling task cancels the operator's work; an operator that waits on I/O
/// throws `CancellationError` promptly.
public protocol Operator<Input, Output>: Sendable {
    /// What the operator takes.
    associatedtype Input: Sendable
    /// What the operator returns.
    associatedtype Output: Sendable

    /// The operator's name and the shapes of its input and output, for graphs and reports.
    var descriptor: OperatorDescriptor { get }

    /// Runs the operator once.
    ///
    /// Call it through ``callAsFunction(_:)``, which is where engine features (the JIT's
    /// recording, for one) hook in.
    func run(_ input: Input) async throws -> Output
}

extension Operator {
    /// Runs the operator on `input`.
    ///
    /// Inside a run of a ``JITFunction`` the call goes to the JIT, which records it and may
    /// hand it a result launched ahead for an equal operator and input.
    public func callAsFunction(_ input: Input) async throws -> Output {
        if let session = JITSession.current {
            return try await session.intercept(self, input: input)
        }
        return try await run(input)
    }

    /// A descriptor named after the operator's type, with its input and output types.
    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: String(describing: Self.self),
                           input: String(describing: Input.self),
                           output: String(describing: Output.self))
    }
}

/// What an operator says about itself: a name, what it takes and what it returns.
public struct OperatorDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// A short name, such as `UniformEnsemble`.
    public var name: String
    /// The input's shape, as a type name or a field list.
    public var input: String
    /// The output's shape, as a type name or a field list.
    public var output: String
    /// One sentence on what the operator does, when there is one.
    public var summary: String?

    /// Creates a descriptor.
    public init(name: String, input: String, output: String, summary: String? = nil) {
        self.name = name
        self.input = input
        self.output = output
        self.summary = summary
    }

    public var description: String { "\(name): \(input) -> \(output)" }
}
