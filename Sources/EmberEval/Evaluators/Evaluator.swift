import EmberData

/// The verdict on one answer.
public struct EvaluationOutcome: Sendable, Hashable, Codable {
    /// Whether the answer matches the gold answer.
    public var isCorrect: Bool
    /// The score from 0 to 1: 1 or 0 for most evaluators, a fraction where partial credit
    /// is given.
    public var score: Double
    /// The answer read out of the response, or `nil` when none was found.
    public var extractedAnswer: String?
    /// Why the verdict is what it is, in a few words ("no answer found", "expected 18").
    public var explanation: String

    /// Creates an outcome; the score defaults to 1 for a correct answer and 0 otherwise.
    public init(isCorrect: Bool, score: Double? = nil, extractedAnswer: String?,
                explanation: String) {
        self.isCorrect = isCorrect
        self.score = score ?? (isCorrect ? 1 : 0)
        self.extractedAnswer = extractedAnswer
        self.explanation = explanation
    }
}

/// Scores a system's response to one record.
///
/// Evaluators are asynchronous because some run things (code execution runs the candidate
/// against the record's tests in a separate process).
public protocol Evaluator: Sendable {
    /// A short name for reports and run configurations (`numeric`).
    var name: String { get }

    /// Reads the answer out of `response` and judges it against `record`'s gold answer.
    func evaluate(_ response: String, for record: DatasetRecord) async -> EvaluationOutcome
}
