import Foundation

/// Where a response states its final answer in words: the text after its last `####`, or
/// after its last "answer is", "answer:", "answer =" (any case; "the final answer is" too).
struct AnswerStatement {
    /// What follows the marker.
    var tail: Substring
    /// Where the marker starts, counted in characters from the start of the text.
    var offset: Int

    private static let phrase = try! NSRegularExpression(
        pattern: #"\banswers?(?:\s+(?:is|would\s+be|should\s+be|will\s+be)\b|\s*[:=])"#,
        options: [.caseInsensitive])

    /// The text after the last `####` in `text`.
    static func lastHashes(in text: String) -> AnswerStatement? {
        guard let range = text.range(of: "####", options: .backwards) else { return nil }
        return AnswerStatement(tail: text[range.upperBound...],
                               offset: text.distance(from: text.startIndex, to: range.lowerBound))
    }

    /// The text after the last "answer is" or "answer:" in `text`.
    static func lastPhrase(in text: String) -> AnswerStatement? {
        let whole = NSRange(text.startIndex..., in: text)
        guard let match = phrase.matches(in: text, range: whole).last,
              let range = Range(match.range, in: text) else { return nil }
        var tail = text[range.upperBound...]
        if tail.first == ":" { tail = tail.dropFirst() }
        return AnswerStatement(tail: tail,
                               offset: text.distance(from: text.startIndex, to: range.lowerBound))
    }
}
