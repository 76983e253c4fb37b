import EmberData
import EmberOperators

/// Scores a multiple-choice response by the option it chooses, however it marks it.
///
/// The choice is read by a ``ChoiceScanner`` made for the record: only the record's own
/// labels count (`A`–`D`, or `1`–`4` as some ARC items number them), and an option's full
/// text chooses it when it matches exactly one option. The last explicit statement wins
/// ("A is tempting, but the answer is C" chooses C); a hedge between two labels ("either
/// A or B") and several labels marked without a statement are no answer, and the outcome
/// says which. A record without choices is read with the scanner's default labels
/// (`A`–`Z`, `1`–`9`), the rule of ``AnswerKind/choice``.
///
/// The gold answer is a label (any case) or, failing that, the text of one option.
public struct MultipleChoiceEvaluator: Evaluator {
    public let name = "choice"

    /// Creates the evaluator.
    public init() {}

    /// The scanner that reads responses to `record`: its labels and option texts.
    public func scanner(for record: DatasetRecord) -> ChoiceScanner {
        guard !record.choices.isEmpty else { return ChoiceScanner() }
        var texts: [String: String] = [:]
        for choice in record.choices { texts[choice.label] = choice.text }
        return ChoiceScanner(labels: record.choices.map(\.label), optionTexts: texts)
    }

    public func evaluate(_ response: String, for record: DatasetRecord) async
        -> EvaluationOutcome
    {
        let scanner = scanner(for: record)
        let reading = scanner.read(response)
        guard let expected = scanner.label(for: record.answer)
            ?? scanner.label(forOptionText: record.answer) else {
            return EvaluationOutcome(
                isCorrect: false, extractedAnswer: reading.label,
                explanation: "the gold answer \(quoted(record.answer)) is not one of the "
                    + "labels \(scanner.labels.joined(separator: ", "))")
        }
        switch reading {
        case .chosen(let label):
            let isCorrect = label == expected
            return EvaluationOutcome(
                isCorrect: isCorrect, extractedAnswer: label,
                explanation: isCorrect ? "matches \(expected)" : "expected \(expected)")
        case .hedged(let labels):
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "hedged between \(listed(labels))")
        case .unclear(let labels):
            return EvaluationOutcome(
                isCorrect: false, extractedAnswer: nil,
                explanation: "mentions \(listed(labels)) without choosing one")
        case .none:
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "no answer found")
        }
    }

    private func listed(_ labels: [String]) -> String {
        guard labels.count > 1, let last = labels.last else { return labels.first ?? "" }
        return labels.dropLast().joined(separator: ", ") + " and " + last
    }
}
