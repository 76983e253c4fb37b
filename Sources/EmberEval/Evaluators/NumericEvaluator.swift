import EmberData
import EmberOperators

/// Scores a response by its final number, as GSM8K and other arithmetic benchmarks are
/// scored.
///
/// Both the response and the gold answer are read with ``NumberScanner/finalAnswer(in:)``,
/// the rule majority votes over numbers use: the number after the last `####`, else in the
/// last `\boxed{…}` or after the last "answer is", else the last number. So a gold worked
/// solution ending in `#### 18` is 18, and a response is judged by the number it gives as
/// its answer, not by any number it mentions on the way. Thousands separators, currency
/// and percent signs, `−` (U+2212) and trailing zeros do not matter (`$1,000.00` is
/// `1000`, `45%` is `45`), and fractions are numbers (`3/4`, `\frac{3}{4}` and `0.75` are
/// equal).
///
/// Numbers are compared exactly by value unless a ``NumericTolerance`` allows more.
public struct NumericEvaluator: Evaluator {
    public let name = "numeric"
    /// How far the answer may be from the gold number.
    public var tolerance: NumericTolerance
    private let scanner = NumberScanner()

    /// Creates the evaluator; by default numbers must be equal by value.
    public init(tolerance: NumericTolerance = .exact) {
        self.tolerance = tolerance
    }

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

    /// Judges `response` against the gold answer `gold`, a number or a worked solution
    /// that ends in one.
    public func evaluate(response: String, gold: String) -> EvaluationOutcome {
        let answer = scanner.finalAnswer(in: response)
        guard let expected = scanner.finalAnswer(in: gold) else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: answer?.value,
                                     explanation: "the gold answer \(quoted(gold)) is not a number")
        }
        guard let answer else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "no answer found")
        }
        if answer.value == expected.value {
            return EvaluationOutcome(isCorrect: true, extractedAnswer: answer.value,
                                     explanation: "matches \(expected.value)")
        }
        guard !tolerance.isExact,
              tolerance.accepts(answer.numericValue, gold: expected.numericValue) else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: answer.value,
                                     explanation: "expected \(expected.value)")
        }
        return EvaluationOutcome(
            isCorrect: true, extractedAnswer: answer.value,
            explanation: "\(tolerance) of \(expected.value)")
    }
}
