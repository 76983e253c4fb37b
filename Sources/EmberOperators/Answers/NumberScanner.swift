import Foundation

/// Finds the numbers written in a piece of text, as people write them in answers:
/// `42`, `-3`, `1,000`, `$18.50`, `7.` at the end of a sentence.
///
/// A comma continues a number only when exactly three digits follow it (`1,000` is one
/// number, `3, 4` and `1,00` are not). A period continues it only when a digit follows, so
/// the period that ends a sentence is not part of the number. A `$` and a minus sign (`-` or
/// `−`) directly before the digits are read; a currency sign is dropped.
public struct NumberScanner: Sendable {
    /// A number found in text.
    public struct Match: Sendable, Hashable {
        /// The number in canonical form: no sign but `-`, no separators, no currency, no
        /// trailing zeros after a decimal point (`-1000.5`).
        public var value: String
        /// The characters as written (`$1,000.50`).
        public var written: String
        /// Where the match starts, counted in characters from the start of the text.
        public var offset: Int
    }

    /// Creates a scanner.
    public init() {}

    /// Every number in `text`, in the order written.
    public func matches(in text: String) -> [Match] {
        let characters = Array(text)
        var matches: [Match] = []
        var index = 0
        while index < characters.count {
            if let (match, end) = number(startingAt: index, in: characters) {
                matches.append(match)
                index = end
            } else {
                index += 1
            }
        }
        return matches
    }

    /// Canonical form of a number written on its own (a gold answer), or `nil` when the text
    /// is not exactly one number.
    public func canonicalValue(of text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let found = matches(in: trimmed)
        guard found.count == 1, let only = found.first else { return nil }
        let rest = trimmed.replacingOccurrences(of: only.written, with: "")
        return rest.allSatisfy { $0 == "." || $0.isWhitespace } ? only.value : nil
    }

    private func number(startingAt start: Int, in characters: [Character])
        -> (Match, end: Int)?
    {
        var index = start
        var isNegative = false
        if characters[index] == "-" || characters[index] == "−" {
            // A hyphen joining two words or numbers ("3-4") is not a sign.
            if start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber {
                return nil
            }
            isNegative = true
            index += 1
        }
        if index < characters.count, characters[index] == "$" { index += 1 }
        guard index < characters.count, characters[index].isASCIIDigit else { return nil }
        if start > 0, !isNegative, characters[start - 1].isASCIIDigit { return nil }

        var integer = ""
        while index < characters.count, characters[index].isASCIIDigit {
            integer.append(characters[index])
            index += 1
            if index < characters.count, characters[index] == ",",
               isDigitGroup(characters, from: index + 1) {
                index += 1
            }
        }
        var fraction = ""
        if index + 1 < characters.count, characters[index] == ".",
           characters[index + 1].isASCIIDigit {
            index += 1
            while index < characters.count, characters[index].isASCIIDigit {
                fraction.append(characters[index])
                index += 1
            }
        }
        let match = Match(
            value: canonical(integer: integer, fraction: fraction, isNegative: isNegative),
            written: String(characters[start..<index]),
            offset: start)
        return (match, index)
    }

    /// Whether exactly three digits start at `index` and no digit follows them.
    private func isDigitGroup(_ characters: [Character], from index: Int) -> Bool {
        guard index + 3 <= characters.count else { return false }
        guard characters[index..<index + 3].allSatisfy(\.isASCIIDigit) else { return false }
        return index + 3 == characters.count || !characters[index + 3].isASCIIDigit
    }

    private func canonical(integer: String, fraction: String, isNegative: Bool) -> String {
        var whole = String(integer.drop { $0 == "0" })
        if whole.isEmpty { whole = "0" }
        var decimals = fraction
        while decimals.last == "0" { decimals.removeLast() }
        let magnitude = decimals.isEmpty ? whole : "\(whole).\(decimals)"
        return isNegative && magnitude != "0" ? "-" + magnitude : magnitude
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
