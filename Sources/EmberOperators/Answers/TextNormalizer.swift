import Foundation

/// Puts free-text answers into the form they are compared in, so that `The Eiffel Tower.`
/// and `eiffel tower` are one answer.
///
/// ``normalize(_:)`` lower-cases; drops punctuation (Markdown `*` and backquotes too) but
/// keeps a `.`, `,` or `/` between two digits, so `3.5` stays `3.5`; turns hyphens, dashes
/// and slashes between words into spaces (`well-known` is `well known`); drops the articles
/// `a`, `an` and `the` unless nothing else is left; and collapses whitespace.
public struct TextNormalizer: Sendable {
    /// Creates a normaliser.
    public init() {}

    private static let articles: Set<Substring> = ["a", "an", "the"]
    private static let wordBreaks: Set<Character> = ["-", "–", "—", "/", "_", "\u{2010}"]
    private static let numberJoiners: Set<Character> = [".", ",", "/"]

    /// `text` normalised for comparison; empty when nothing but punctuation and
    /// whitespace was there.
    public func normalize(_ text: String) -> String {
        let characters = Array(text.lowercased())
        var kept = ""
        for (index, character) in characters.enumerated() {
            guard Self.isPunctuation(character) else {
                kept.append(character)
                continue
            }
            let isBetweenDigits = index > 0 && index + 1 < characters.count
                && characters[index - 1].isASCIIDigit && characters[index + 1].isASCIIDigit
            if isBetweenDigits, Self.numberJoiners.contains(character) {
                kept.append(character)
            } else if Self.wordBreaks.contains(character) {
                kept.append(" ")
            }
        }
        let words = kept.split(whereSeparator: { $0.isWhitespace })
        let content = words.filter { !Self.articles.contains($0) }
        return (content.isEmpty ? words : content).joined(separator: " ")
    }

    /// The part of `response` that states the answer: what follows its last "answer is",
    /// "answer:" or "the final answer is" (any case), else the whole response.
    public func answerPart(of response: String) -> String {
        guard let statement = AnswerStatement.lastPhrase(in: response) else { return response }
        return String(statement.tail)
    }

    private static func isPunctuation(_ character: Character) -> Bool {
        if character == "`" || wordBreaks.contains(character) { return true }
        return character.unicodeScalars.allSatisfy(CharacterSet.punctuationCharacters.contains)
    }
}
