import EmberData
import Foundation

/// Scores a yes-or-no verdict, as HaluEval's judgements ("Yes" or "No") are scored.
///
/// A verdict is *stated*: as the first word ("Yes, it is hallucinated", "**No**."), after
/// a verdict word ("Answer: yes", "#Your Judgement#: No", "my verdict is no"), in a box
/// (`\boxed{Yes}`), as a sentence of its own (". No."), or after "so" or "therefore" ("so
/// yes"). The statement written last wins. A statement of both ("yes or no", "yes and
/// no") and a response stating neither are no answer. A "no" inside a sentence ("there is
/// no evidence") is not a verdict.
public struct YesNoEvaluator: Evaluator {
    public let name = "yes-no"

    /// What a response says.
    public enum Verdict: String, Sendable, Hashable {
        case yes = "Yes"
        case no = "No"
    }

    /// Creates the evaluator.
    public init() {}

    private static let statements: [NSRegularExpression] = [
        #"\A[\s*#"'`_>-]*(yes|no)\b"#,
        #"\b(?:answer|judge?ment|verdict|conclusion|decision)[\s*#"'`_]*"#
            + #"(?:is|would\s+be|=|:|-)?[\s*#"'`_:]*(yes|no)\b"#,
        #"\\boxed\{\s*(?:\\text\{)?\s*(yes|no)\b"#,
        #"(?:[.!?]|\n)[\s*"'`_]*(yes|no)[\s*"'`_]*(?:[.!,;]|\n|$)"#,
        #"\b(?:so|thus|therefore|hence)[,:]?\s+(yes|no)\b"#,
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    private static let both = try! NSRegularExpression(
        pattern: #"\A[\s*"'`_]*(?:or|and|/)[\s*"'`_]*(yes|no)\b"#, options: [.caseInsensitive])

    /// The verdict `response` states, or `nil` and the reason it states none ("says both
    /// yes and no").
    public func verdict(in response: String) -> (verdict: Verdict?, reason: String?) {
        let whole = NSRange(response.startIndex..., in: response)
        var last: (position: Int, verdict: Verdict?)?
        for pattern in Self.statements {
            for match in pattern.matches(in: response, range: whole) {
                let group = match.range(at: 1)
                guard let range = Range(group, in: response) else { continue }
                let said: Verdict = response[range].lowercased() == "yes" ? .yes : .no
                let end = group.location + group.length
                let rest = NSRange(location: end, length: whole.length - end)
                let other = Self.both.firstMatch(in: response, range: rest)
                let isBoth = other.flatMap { Range($0.range(at: 1), in: response) }
                    .map { response[$0].lowercased() != said.rawValue.lowercased() } ?? false
                if last.map({ match.range.location >= $0.position }) ?? true {
                    last = (match.range.location, isBoth ? nil : said)
                }
            }
        }
        guard let last else { return (nil, "no answer found: states neither yes nor no") }
        guard let verdict = last.verdict else {
            return (nil, "no answer found: says both yes and no")
        }
        return (verdict, nil)
    }

    public func evaluate(_ response: String, for record: DatasetRecord) async
        -> EvaluationOutcome
    {
        evaluate(response: response, gold: record.answer)
    }

    /// Judges `response` against the gold verdict `gold` (`Yes` or `No`, any case).
    public func evaluate(response: String, gold: String) -> EvaluationOutcome {
        let (said, reason) = verdict(in: response)
        let goldWord = gold.trimmingWhitespace().trimmingCharacters(in: .punctuationCharacters)
        guard let expected = Verdict.allCases.first(where: {
            $0.rawValue.lowercased() == goldWord.lowercased()
        }) else {
            return EvaluationOutcome(
                isCorrect: false, extractedAnswer: said?.rawValue,
                explanation: "the gold answer \(quoted(gold)) is not Yes or No")
        }
        guard let said else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: reason ?? "no answer found")
        }
        let isCorrect = said == expected
        return EvaluationOutcome(
            isCorrect: isCorrect, extractedAnswer: said.rawValue,
            explanation: isCorrect ? "matches \(expected.rawValue)"
                                   : "expected \(expected.rawValue)")
    }
}

extension YesNoEvaluator.Verdict: CaseIterable {}
