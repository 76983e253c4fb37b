import EmberData
import EmberOperators
import Foundation

/// Scores a competition-mathematics answer (MATH-500, AIME) by its final expression,
/// compared as mathematics rather than as characters where that can be done safely.
///
/// The answer is the content of the response's last `\boxed{…}` (braces nest); without a
/// box, what follows its last "answer is" / "answer:" (a `$…$` expression, else the rest of
/// the sentence); without either, a short one-line response taken whole. A box wins over
/// a later phrase because solutions often go on after it ("so our answer is correct").
/// The gold answer is used as it is, or its last box if it has one (a worked solution).
///
/// Both are put in normal form by ``MathAnswerNormalizer`` and are equal when:
/// - the normal forms are the same (`\left( 3, \frac{\pi}{2} \right)` and
///   `(3,\dfrac{\pi}{2})`, `90^\circ` and `90`, `\text{Evelyn}` and `Evelyn`);
/// - both are numbers equal within one part in 10⁹ (`\frac{1}{2}`, `0.5`, `1/2`);
/// - both are tuples or intervals with the same brackets whose elements are pairwise equal
///   by these rules (`(1,\frac{1}{2})` and `(1,0.5)`; `[0,1)` is not `(0,1)`);
/// - both are bare lists whose elements are equal in some order (`1,-2` and `-2, 1`:
///   MATH lists all solutions this way).
///
/// Algebra is not simplified, so `p - q` equals `p-q` but not `-q + p`.
public struct MathEvaluator: Evaluator {
    public let name = "math"
    private let normalizer = MathAnswerNormalizer()

    /// Creates the evaluator.
    public init() {}

    private static let answerPhrase = try! NSRegularExpression(
        pattern: #"\banswer\s*(?:is|:)\s*:?"#, options: [.caseInsensitive])

    /// The final answer `response` states, as written, or `nil` if it states none.
    public func extractAnswer(from response: String) -> String? {
        if let box = BoxedAnswer.last(in: response), !box.content.isEmpty {
            return box.content
        }
        let whole = NSRange(response.startIndex..., in: response)
        if let match = Self.answerPhrase.matches(in: response, range: whole).last,
           let phrase = Range(match.range, in: response),
           let tail = statedAnswer(in: response[phrase.upperBound...]) {
            return tail
        }
        let trimmed = response.trimmingWhitespace()
        let isShort = !trimmed.isEmpty && trimmed.count <= 60 && !trimmed.contains("\n")
        return isShort ? trimmed : nil
    }

    /// What follows an answer phrase: a `$…$` expression, else the rest of the sentence.
    private func statedAnswer(in tail: Substring) -> String? {
        let text = tail.drop { $0.isWhitespace }
        if text.hasPrefix("$") {
            let body = text.drop { $0 == "$" }
            if let end = body.indices.first(where: {
                body[$0] == "$" && ($0 == body.startIndex || body[body.index(before: $0)] != "\\")
            }) {
                let answer = String(body[..<end]).trimmingWhitespace()
                return answer.isEmpty ? nil : BoxedAnswer.last(in: answer)?.content ?? answer
            }
        }
        var line = String(text.prefix { $0 != "\n" })
        if let sentenceEnd = line.range(of: ". ") { line = String(line[..<sentenceEnd.lowerBound]) }
        var answer = line.trimmingWhitespace()
        while answer.hasSuffix(".") { answer.removeLast() }
        guard !answer.isEmpty else { return nil }
        return BoxedAnswer.last(in: answer)?.content ?? answer
    }

    public func evaluate(_ response: String, for record: DatasetRecord) async
        -> EvaluationOutcome
    {
        evaluate(response: response, gold: record.answer)
    }

    /// Judges `response` against the gold answer `gold`.
    public func evaluate(response: String, gold: String) -> EvaluationOutcome {
        let expected = BoxedAnswer.last(in: gold)?.content ?? gold.trimmingWhitespace()
        guard let answer = extractAnswer(from: response) else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "no answer found")
        }
        let isCorrect = isEquivalent(answer, expected)
        return EvaluationOutcome(
            isCorrect: isCorrect, extractedAnswer: answer,
            explanation: isCorrect ? "matches \(expected)" : "expected \(expected)")
    }

    /// Whether `answer` and `gold` are the same answer by the rules above.
    public func isEquivalent(_ answer: String, _ gold: String) -> Bool {
        areEquivalent(normalizer.normalize(answer), normalizer.normalize(gold))
    }

    private func areEquivalent(_ left: String, _ right: String) -> Bool {
        if left == right { return true }
        guard !left.isEmpty, !right.isEmpty else { return false }
        let scanner = NumberScanner()
        if let first = scanner.soleNumber(in: left), let second = scanner.soleNumber(in: right) {
            let scale = max(1, abs(second.numericValue))
            return abs(first.numericValue - second.numericValue) <= 1e-9 * scale
        }
        let leftGroup = Group(left)
        let rightGroup = Group(right)
        guard leftGroup.items.count > 1, leftGroup.items.count == rightGroup.items.count else {
            return false
        }
        if leftGroup.brackets != nil || rightGroup.brackets != nil {
            guard leftGroup.brackets == rightGroup.brackets else { return false }
            return zip(leftGroup.items, rightGroup.items).allSatisfy(areEquivalent)
        }
        var unmatched = rightGroup.items
        for item in leftGroup.items {
            guard let index = unmatched.firstIndex(where: { areEquivalent(item, $0) }) else {
                return false
            }
            unmatched.remove(at: index)
        }
        return true
    }
}

/// A normalised answer split into its top-level comma-separated items, and the brackets
/// around them when one pair encloses the whole (`(1,2]` → `(`, `]`; `1,2` → none).
private struct Group {
    var brackets: String?
    var items: [String]

    init(_ text: String) {
        let characters = Array(text)
        var inner = characters[...]
        if let first = characters.first, let last = characters.last, "([".contains(first),
           ")]".contains(last), Self.closes(characters) {
            brackets = String([first, last])
            inner = characters[1..<(characters.count - 1)]
        }
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in inner {
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            if character == ",", depth == 0 {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        self.items = items
    }

    /// Whether the bracket opening `characters` is closed only by its last character.
    private static func closes(_ characters: [Character]) -> Bool {
        var depth = 0
        for (index, character) in characters.enumerated() {
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            if depth == 0 { return index == characters.count - 1 }
        }
        return false
    }
}
