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
    private static let answerMarkers = ["####", "answer is", "answer:"]

    /// Creates the evaluator.
    public init() {}

    /// The number this evaluator reads from `response`, canonical, or `nil` if none.
    public func extractAnswer(from response: String) -> String? {
        let lowered = response.lowercased()
        for marker in Self.answerMarkers {
            guard let range = lowered.range(of: marker, options: .backwards) else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            let tail = String(response.dropFirst(offset))
            if let first = scanner.matches(in: tail).first { return first.value }
        }
        return scanner.matches(in: response).last?.value
    }

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
