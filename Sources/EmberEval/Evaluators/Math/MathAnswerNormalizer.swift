import EmberOperators
import Foundation

/// Writes a LaTeX answer in one normal form, so that answers differing only in how they are
/// typeset compare equal: `\left( 3, \dfrac{\pi}{2} \right)` and `(3,\frac{\pi}{2})`.
///
/// In order, it:
/// - drops math delimiters (`$…$`, `\(…\)`, `\[…\]`) and a final period;
/// - drops `\left`, `\right`, `\displaystyle`, the spacing commands `\!`, `\,`, `\;`, `\:`,
///   `\ ` and `~`, degree marks (`^\circ`, `^{\circ}`, `°`), `\%`, `%`, `\$` and `$`;
/// - writes `\dfrac` and `\tfrac` as `\frac`, and the short forms `\frac12`, `\frac\pi2`
///   and `\sqrt2` with braces;
/// - drops a `\text{…}` (or `\textbf`, `\mbox`, `\mathrm`) written after the answer, a
///   unit, and unwraps any other (`\text{Evelyn}` is `Evelyn`);
/// - drops a short left-hand side (`x = 5` is `5`, `\theta = \pi` is `\pi`);
/// - removes all whitespace, braces around a single character after `^` or `_`
///   (`52_{8}` is `52_8`), and the separators of a number written in groups of three
///   (`13{,}535` and `13,535` are `13535`).
///
/// It does not simplify algebra: `p - q` and `-q + p` stay different.
public struct MathAnswerNormalizer: Sendable {
    /// Creates a normaliser.
    public init() {}

    private static let removed = [
        "\\left", "\\right", "\\displaystyle", "\\!", "\\,", "\\;", "\\:", "\\ ", "~",
        "^{\\circ}", "^\\circ", "°", "\\%", "%", "\\$", "$",
    ]
    private static let textCommands = ["\\text", "\\textbf", "\\textrm", "\\mbox", "\\mathrm"]

    /// `answer` in normal form.
    public func normalize(_ answer: String) -> String {
        var text = stripDelimiters(answer.trimmingWhitespace())
        for command in ["\\dfrac", "\\tfrac"] {
            text = text.replacingOccurrences(of: command, with: "\\frac")
        }
        text = text.replacingOccurrences(of: "{,}", with: ",")
        for piece in Self.removed {
            text = text.replacingOccurrences(of: piece, with: "")
        }
        text = unwrapText(in: text)
        text = String(text.filter { !$0.isWhitespace })
        text = braceShortArguments(in: text)
        text = unbraceSingleCharacters(in: text)
        text = dropLeftHandSide(of: text)
        text = dropDigitGroupSeparators(in: text)
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private func stripDelimiters(_ text: String) -> String {
        var text = text
        while text.hasSuffix(".") { text.removeLast() }
        for (open, close) in [("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")]
        where text.count >= open.count + close.count
            && text.hasPrefix(open) && text.hasSuffix(close) {
            text = String(text.dropFirst(open.count).dropLast(close.count))
            break
        }
        return text.trimmingWhitespace()
    }

    /// Drops a trailing `\text{…}` unit after other content; unwraps every other one.
    private func unwrapText(in text: String) -> String {
        var characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index] == "\\",
                  let command = Self.textCommands.first(where: {
                      characters.hasPrefix(Array($0 + "{"), at: index)
                  }),
                  let close = BoxedAnswer.closingBrace(from: index + command.count, in: characters)
            else {
                index += 1
                continue
            }
            let content = Array(characters[(index + command.count + 1)..<close])
            let before = characters[..<index].filter { !$0.isWhitespace }
            let after = characters[(close + 1)...].filter { !$0.isWhitespace }
            let isUnit = (after.isEmpty || after.allSatisfy { "^23".contains($0) })
                && before.last.map { $0.isNumber || $0 == "}" } == true
            let replacement = isUnit ? [] : content
            characters.replaceSubrange(index...close, with: replacement)
            if isUnit { characters.removeSubrange(index...) }
            index += replacement.count
        }
        return String(characters)
    }

    /// `\frac12` → `\frac{1}{2}`, `\frac\pi2` → `\frac{\pi}{2}`, `\sqrt2` → `\sqrt{2}`.
    private func braceShortArguments(in text: String) -> String {
        var characters = Array(text)
        for (command, arity) in [("\\frac", 2), ("\\sqrt", 1)] {
            var index = 0
            let letters = Array(command)
            while index < characters.count {
                guard characters.hasPrefix(letters, at: index) else {
                    index += 1
                    continue
                }
                var position = index + letters.count
                for _ in 0..<arity {
                    guard position < characters.count, characters[position] != "[" else { break }
                    if characters[position] == "{" {
                        position = (BoxedAnswer.closingBrace(from: position, in: characters) ?? position) + 1
                        continue
                    }
                    let length = tokenLength(at: position, in: characters)
                    characters.insert("}", at: position + length)
                    characters.insert("{", at: position)
                    position += length + 2
                }
                index += letters.count
            }
        }
        return String(characters)
    }

    /// The length of the token at `index`: a command (`\pi`) or one character.
    private func tokenLength(at index: Int, in characters: [Character]) -> Int {
        guard characters[index] == "\\" else { return 1 }
        var end = index + 1
        while end < characters.count, characters[end].isLetter { end += 1 }
        return max(end - index, 2)
    }

    /// `x^{2}` → `x^2`, `52_{8}` → `52_8`.
    private func unbraceSingleCharacters(in text: String) -> String {
        var characters = Array(text)
        var index = 0
        while index + 3 < characters.count {
            if "^_".contains(characters[index]), characters[index + 1] == "{",
               characters[index + 3] == "}", characters[index + 2] != "\\" {
                characters.remove(at: index + 3)
                characters.remove(at: index + 1)
            }
            index += 1
        }
        return String(characters)
    }

    /// `x=5` → `5`: a left-hand side of at most two characters, or one command (`\theta`).
    private func dropLeftHandSide(of text: String) -> String {
        let parts = text.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return text }
        let left = parts[0]
        let isCommand = left.first == "\\" && left.dropFirst().allSatisfy(\.isLetter)
        guard left.count <= 2 || isCommand, !left.contains(where: \.isNumber) else {
            return text
        }
        return String(parts[1])
    }

    /// `13,535` → `13535`, `1,234.5` → `1234.5`; lists such as `1,-2` and `3,5,7` stay.
    private func dropDigitGroupSeparators(in text: String) -> String {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let groups = body.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count > 1, let first = groups.first, (1...3).contains(first.count),
              first.allSatisfy(\.isNumber) else { return text }
        for (index, group) in groups.enumerated().dropFirst() {
            let digits = index == groups.count - 1
                ? group.split(separator: ".", maxSplits: 1).first ?? "" : group
            guard digits.count == 3, digits.allSatisfy(\.isNumber) else { return text }
        }
        return text.filter { $0 != "," }
    }
}

extension Array where Element == Character {
    /// Whether `prefix` is found starting at `index`.
    func hasPrefix(_ prefix: [Character], at index: Int) -> Bool {
        index + prefix.count <= count && Array(self[index..<index + prefix.count]) == prefix
    }
}
