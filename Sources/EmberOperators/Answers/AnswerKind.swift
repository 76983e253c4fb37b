import Foundation

/// What kind of answer a question takes, which decides how answers are read from responses
/// and when two answers are the same vote.
public struct AnswerKind: Sendable, Hashable, Codable, CustomStringConvertible {
    private enum Code: String, Sendable, Hashable, CaseIterable {
        case text, number, choice, code
    }

    private let code: Code

    /// Free text: compared ignoring case, surrounding whitespace and punctuation, and an
    /// "Answer:" or "The answer is" prefix.
    public static let text = AnswerKind(code: .text)
    /// A number: compared by value, so `18`, `18.0` and `$18` are one answer.
    public static let number = AnswerKind(code: .number)
    /// A choice letter: `(A)`, `a` and `A.` are one answer.
    public static let choice = AnswerKind(code: .choice)
    /// Source code: compared after trimming surrounding whitespace only.
    public static let code = AnswerKind(code: .code)

    /// Every kind, in a stable order.
    public static let allKinds: [AnswerKind] = Code.allCases.map(AnswerKind.init(code:))

    /// The kind named `name` (`text`, `number`, `choice`, `code`), or `nil`.
    public init?(named name: String) {
        guard let code = Code(rawValue: name.lowercased()) else { return nil }
        self.code = code
    }

    private init(code: Code) {
        self.code = code
    }

    /// The kind's name.
    public var description: String { code.rawValue }

    /// Reads a kind from its name.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let kind = AnswerKind(named: name) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "'\(name)' is not an answer kind (text, number, choice, code)"))
        }
        self = kind
    }

    /// Writes the kind's name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code.rawValue)
    }

    /// The answer `response` gives, in the form answers of this kind are compared in, or
    /// `nil` when it gives none.
    ///
    /// - A number is the first number after the last `####`, else after the last
    ///   "answer is" or "answer:", else the last number in the response, written canonically
    ///   (`$1,000.00` reads as `1000`).
    /// - A choice is a lone letter (`B`, `(b)`, `B.`, `B)`), else the letter after the last
    ///   "answer is" or "answer:", else the first parenthesised capital letter; upper case.
    /// - Text is the response after its last "answer:" or "answer is", lower-cased, with
    ///   surrounding whitespace and punctuation removed.
    public func extractAnswer(from response: String) -> String? {
        let trimmed = response.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        switch code {
        case .number: return Self.number(in: trimmed)
        case .choice: return Self.choice(in: trimmed)
        case .text: return Self.normalizedText(trimmed)
        case .code: return trimmed
        }
    }

    private static let answerMarkers = ["####", "answer is", "answer:"]
    private static let scanner = NumberScanner()

    /// The text after the last answer marker, if there is one.
    private static func tailAfterMarker(in text: String,
                                        markers: [String] = answerMarkers) -> String? {
        let lowered = text.lowercased()
        for marker in markers {
            guard let range = lowered.range(of: marker, options: .backwards) else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            return String(text.dropFirst(offset))
        }
        return nil
    }

    private static func number(in text: String) -> String? {
        if let tail = tailAfterMarker(in: text), let first = scanner.matches(in: tail).first {
            return first.value
        }
        return scanner.matches(in: text).last?.value
    }

    private static func choice(in text: String) -> String? {
        if let letter = loneLetter(text) { return letter }
        if let tail = tailAfterMarker(in: text, markers: ["answer is", "answer:"]) {
            let words = tail.split(whereSeparator: { $0.isWhitespace })
            if let first = words.first, let letter = loneLetter(String(first)) { return letter }
        }
        let characters = Array(text)
        for index in characters.indices.dropLast(2)
        where characters[index] == "(" && characters[index + 2] == ")"
            && characters[index + 1].isUppercase && characters[index + 1].isASCII {
            return String(characters[index + 1])
        }
        return nil
    }

    /// `B`, `b`, `(B)`, `B.`, `B)`, `B:` → `B`; anything longer is not a lone letter.
    private static func loneLetter(_ text: String) -> String? {
        let stripped = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .trimmingCharacters(in: CharacterSet(charactersIn: "()[]*.:,;)"))
        guard stripped.count == 1, let letter = stripped.first, letter.isLetter,
              letter.isASCII else { return nil }
        return letter.uppercased()
    }

    private static func normalizedText(_ text: String) -> String? {
        let answer = tailAfterMarker(in: text, markers: ["answer is", "answer:"]) ?? text
        let normalized = answer.lowercased()
            .trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return normalized.isEmpty ? nil : normalized
    }
}
