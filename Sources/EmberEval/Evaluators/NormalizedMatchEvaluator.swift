import EmberData
import EmberOperators

/// Scores a response correct when it states the gold answer, ignoring case, punctuation,
/// articles, spacing and an "Answer:" prefix.
///
/// The response's answer is what follows its last "answer:" or "answer is", else the whole
/// response, normalised by ``TextNormalizer``; the gold answer is normalised the same way.
/// This is the rule of ``AnswerKind/text``, so a majority vote over text answers counts
/// as this evaluator compares.
public struct NormalizedMatchEvaluator: Evaluator {
    public let name = "normalized"

    /// Creates the evaluator.
    public init() {}

    /// The answer this evaluator reads from `response`, normalised, or `nil` if none.
    public func extractAnswer(from response: String) -> String? {
        AnswerKind.text.extractAnswer(from: response)
    }

    public func evaluate(_ response: String, for record: DatasetRecord) async
        -> EvaluationOutcome
    {
        evaluate(response: response, gold: record.answer)
    }

    /// Judges `response` against the gold answer `gold`.
    public func evaluate(response: String, gold: String) -> EvaluationOutcome {
        let expected = TextNormalizer().normalize(gold)
        guard let answer = extractAnswer(from: response) else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "no answer found")
        }
        let isCorrect = answer == expected
        return EvaluationOutcome(
            isCorrect: isCorrect, extractedAnswer: answer,
            explanation: isCorrect ? "matches \(quoted(expected))"
                                   : "expected \(quoted(expected))")
    }
}
