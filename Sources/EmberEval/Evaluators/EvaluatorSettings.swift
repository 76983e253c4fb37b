/// What the evaluators in an ``EvaluatorRegistry`` may be configured with; each uses the
/// settings it understands and ignores the rest.
public struct EvaluatorSettings: Sendable {
    /// The regular expression of `regex`, with a capture group around the answer.
    public var pattern: String?
    /// Whether `regex` matches ignoring case.
    public var ignoresCase: Bool
    /// How close a number must be for `numeric`.
    public var tolerance: NumericTolerance
    /// Where `code` runs programs, and under which limits.
    public var sandbox: PythonSandbox
    /// How many programs `code` runs at once, at most.
    public var maximumConcurrentRuns: Int

    /// Creates settings; the defaults are those of each evaluator.
    public init(pattern: String? = nil, ignoresCase: Bool = false,
                tolerance: NumericTolerance = .exact, sandbox: PythonSandbox = PythonSandbox(),
                maximumConcurrentRuns: Int = 2) {
        self.pattern = pattern
        self.ignoresCase = ignoresCase
        self.tolerance = tolerance
        self.sandbox = sandbox
        self.maximumConcurrentRuns = maximumConcurrentRuns
    }
}
