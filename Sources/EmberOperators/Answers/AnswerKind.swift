import Foundation

/// What kind of answer a question takes, which decides how answers are read from responses
/// and when two answers are the same vote.
public struct AnswerKind: Sendable, Hashable, Codable, CustomStringConvertible {
    private enum Code: String, Sendable, Hashable, CaseIterable {
        case text, number, choice, code
    }

    private let code: Code

    /// Free text: compared ignoring case, punctuation, articles and spacing, and an
    /// "Answer:" or "The answer is" prefix (see ``TextNormalizer``).
    public static let text = AnswerKind(code: .text)
    /// A number: compared by value, so `18`, `18.0`, `$18` and `18%` are one answer, and
    /// `3/4`, `\frac{3}{4}` and `0.75` another.
    public static let number = AnswerKind(code: .number)
    /// A choice label: `(A)`, `a`, `A.`, `**A**` and "The answer is A" are one answer.
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
    /// - A number is read by ``NumberScanner/finalAnswer(in:)``: the number after the last
    ///   `####`, else in the last `\boxed{…}` or after the last "answer is", else the last
    ///   number; written canonically (`$1,000.00` reads as `1000`, `3/4` as `0.75`).
    /// - A choice is read by ``ChoiceScanner`` with its default labels (`A`–`Z`, `1`–`9`):
    ///   the last stated choice ("the answer is (C)", `**B**`, `\boxed{C}`, `B.` at the
    ///   start); a hedge between two labels is no answer.
    /// - Text is the response after its last "answer:" or "answer is", normalised by
    ///   ``TextNormalizer``.
    /// - Code is the response without surrounding whitespace.
    public func extractAnswer(from response: String) -> String? {
        let trimmed = response.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        switch code {
        case .number: return Self.numbers.finalAnswer(in: trimmed)?.value
        case .choice: return Self.choices.read(trimmed).label
        case .text: return Self.normalizedText(trimmed)
        case .code: return trimmed
        }
    }

    private static let numbers = NumberScanner()
    private static let choices = ChoiceScanner()

    private static func normalizedText(_ text: String) -> String? {
        let normalizer = TextNormalizer()
        let normalized = normalizer.normalize(normalizer.answerPart(of: text))
        return normalized.isEmpty ? nil : normalized
    }
}
