import EmberData
import EmberOperators
import Foundation

/// Scores a response by the part of it a regular expression captures, compared with the
/// gold answer as ``NormalizedMatchEvaluator`` compares.
///
/// The pattern is an ICU regular expression (the syntax of `NSRegularExpression`) with at
/// least one capture group; the answer is what the first group captured in the *last*
/// match in which it took part, so a response that restates its answer reads as its final
/// statement. A pattern that does not compile, or has no group, is an ``EvaluatorError``
/// when the evaluator is made, never a silent zero.
///
/// ```swift
/// let evaluator = try RegexEvaluator(pattern: #"Final answer:\s*(.+)"#)
/// ```
public struct RegexEvaluator: Evaluator {
    public let name = "regex"
    /// The pattern, as given.
    public let pattern: String
    private let expression: NSRegularExpression

    /// Creates the evaluator for `pattern`, matched ignoring case when `ignoresCase`.
    ///
    /// - Throws: ``EvaluatorError`` when `pattern` is not a regular expression or has no
    ///   capture group.
    public init(pattern: String, ignoresCase: Bool = false) throws(EvaluatorError) {
        do {
            expression = try NSRegularExpression(
                pattern: pattern, options: ignoresCase ? [.caseInsensitive] : [])
        } catch {
            throw .invalidPattern(pattern, reason: Self.reason(error))
        }
        guard expression.numberOfCaptureGroups > 0 else {
            throw .patternWithoutCaptureGroup(pattern)
        }
        self.pattern = pattern
    }

    /// What the pattern captures in `response`, as written, or `nil` if it never does.
    public func capture(in response: String) -> String? {
        let whole = NSRange(response.startIndex..., in: response)
        for match in expression.matches(in: response, range: whole).reversed() {
            if let range = Range(match.range(at: 1), in: response) {
                return String(response[range])
            }
        }
        return nil
    }

    public func evaluate(_ response: String, for record: DatasetRecord) async
        -> EvaluationOutcome
    {
        evaluate(response: response, gold: record.answer)
    }

    /// Judges `response` against the gold answer `gold`.
    public func evaluate(response: String, gold: String) -> EvaluationOutcome {
        guard let captured = capture(in: response) else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "no answer found: the pattern did not match")
        }
        let normalizer = TextNormalizer()
        let answer = normalizer.normalize(captured)
        let expected = normalizer.normalize(gold)
        let isCorrect = !answer.isEmpty && answer == expected
        return EvaluationOutcome(
            isCorrect: isCorrect, extractedAnswer: captured.trimmingWhitespace(),
            explanation: isCorrect ? "matches \(quoted(expected))"
                                   : "expected \(quoted(expected))")
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo["NSInvalidValue"] as? String { return detail }
        return "error \(nsError.code)"
    }
}
