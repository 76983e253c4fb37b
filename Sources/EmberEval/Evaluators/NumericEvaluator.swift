import EmberData
import EmberOperators
import Foundation

/// Scores a response by its final number, as GSM8K is scored.
///
/// The answer read from the response is, in order of preference: the first number after
/// the last `####`; the first number after the last "answer is" or "answer:" (any case);
/// the last number in the response. Numbers are compared by value after dropping
/// thousands separators, a `$`, and trailing zeros after a decimal point, so `$1,000.00`
/// matches a gold `1000`.
public struct NumericEvaluator: Evaluator {
    public let name = "numeric"
    private let scanner = NumberScanner()

    /// Creates the evaluator.
    public init() {}

    /// The number this evaluator reads from `response`, canonical, or `nil` if none; the
    /// rule is ``AnswerKind/number``'s, the one majority votes use.
    public func extractAnswer(from response: String) -> String? {
        AnswerKind.number.extractAnswer(from: response)
    }

    public func evaluate(_ response: String, for record: DatasetRecord) async
        -> EvaluationOutcome
    {
        evaluate(response: response, gold: record.answer)
    }

    /// Judges `response` against the gold number `gold`.
    public func evaluate(response: String, gold: String) -> EvaluationOutcome {
        guard let expected = scanner.canonicalValue(of: gold) else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: extractAnswer(
                from: response), explanation: "the gold answer '\(gold)' is not a number")
        }
        guard let extracted = extractAnswer(from: response) else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "no answer found")
        }
        let isCorrect = extracted == expected
        return EvaluationOutcome(
            isCorrect: isCorrect, extractedAnswer: extracted,
            explanation: isCorrect ? "matches \(expected)" : "expected \(expected)")
    }
}
