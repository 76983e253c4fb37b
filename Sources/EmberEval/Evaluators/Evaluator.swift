/// The verdict on one answer.
public struct EvaluationOutcome: Sendable, Hashable, Codable {
    /// Whether the answer matches the gold answer.
    public var isCorrect: Bool
    /// The answer read out of the response, or `nil` when none was found.
    public var extractedAnswer: String?
    /// Why the verdict is what it is, in a few words ("no answer found").
    public var explanation: String

    /// Creates an outcome.
    public init(isCorrect: Bool, extractedAnswer: String?, explanation: String) {
        self.isCorrect = isCorrect
        self.extractedAnswer = extractedAnswer
        self.explanation = explanation
    }
}

/// Scores a system's response against a gold answer.
public protocol Evaluator: Sendable {
    /// A short name for reports (`numeric`).
    var name: String { get }

    /// Reads the answer out of `response` and compares it with `gold`.
    func evaluate(response: String, gold: String) -> EvaluationOutcome
}
