import EmberData

/// Scores a response correct when it is the gold answer, character for character.
///
/// Only whitespace around the response and the gold answer is ignored; case, punctuation
/// and any "Answer:" prefix count. Use ``NormalizedMatchEvaluator`` to ignore those.
public struct ExactMatchEvaluator: Evaluator {
    public let name = "exact"

    /// Creates the evaluator.
    public init() {}

    public func evaluate(_ response: String, for record: DatasetRecord) async
        -> EvaluationOutcome
    {
        evaluate(response: response, gold: record.answer)
    }

    /// Judges `response` against the gold answer `gold`.
    public func evaluate(response: String, gold: String) -> EvaluationOutcome {
        let answer = response.trimmingWhitespace()
        let expected = gold.trimmingWhitespace()
        guard !answer.isEmpty else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "no answer found")
        }
        let isCorrect = answer == expected
        return EvaluationOutcome(
            isCorrect: isCorrect, extractedAnswer: answer,
            explanation: isCorrect ? "matches exactly" : "expected \(quoted(expected))")
    }
}

extension String {
    /// The string without whitespace and newlines at either end.
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

/// `text` in single quotes for an explanation, shortened to about 80 characters.
func quoted(_ text: String) -> String {
    let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return "'" + (oneLine.count > 80 ? oneLine.prefix(77) + "…" : oneLine) + "'"
}
