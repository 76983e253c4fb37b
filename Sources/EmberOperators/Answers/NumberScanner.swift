import Foundation

/// Finds the numbers written in a piece of text, as people and models write them in
/// answers: `42`, `-3`, `−3`, `1,000,000`, `$18.50`, `45%`, `.5`, `3/4`, `\frac{3}{4}`, and
/// `7.` at the end of a sentence.
///
/// The rules, each chosen so that prose does not produce numbers nobody wrote:
/// - A comma continues a number only when exactly three digits follow it (`1,000` is one
///   number; `3, 4` and `1,00` are not). A period continues it only when a digit follows, so
///   the period that ends a sentence is not part of the number.
/// - A minus sign (`-` or U+2212 `−`) is read as a sign only where a sign can stand: not
///   inside a word (`COVID-19`), not between two numbers (`3-4 apples`, `10 - 4` read as
///   `3`, `4` and `10`, `4`).
/// - A currency sign (`$`, `\$`, `€`, `£`, `¥`, `₹`) before the digits and a percent sign
///   (`%`, `\%`) after them are read and dropped: `45%` is the number 45.
/// - `a/b` with whole numbers on both sides is one number, a fraction, as are LaTeX's
///   `\frac{a}{b}`, `\dfrac{a}{b}`, `\tfrac{a}{b}` and `\frac34`.
/// - Dates (`2024-01-05`, `1/5/2024`) are not numbers at all, and digits glued to the end
///   of a word (`mp3`, `H2O`) are not read either.
///
/// Not read: words (`three`), scientific notation (`1e5`), mixed numbers (`1 3/4` is read
/// as `1` and `3/4`), and other locales' separators (`1.000,5`).
public struct NumberScanner: Sendable {
    /// A number found in text.
    public struct Match: Sendable, Hashable {
        /// The number in canonical form: no sign but `-`, no separators, no currency or
        /// percent sign, no trailing zeros after a decimal point (`-1000.5`); a fraction is
        /// written as its exact decimal when it has one (`3/4` → `0.75`), else reduced
        /// (`2/6` → `1/3`). Two matches have the same value exactly when this is equal.
        public var value: String
        /// The number's value as a `Double`, for comparisons within a tolerance.
        public var numericValue: Double
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
            switch token(startingAt: index, in: characters) {
            case .number(let match, let end):
                matches.append(match)
                index = end
            case .skip(let end):
                index = end
            case nil:
                index += 1
            }
        }
        return matches
    }

    /// The one number `text` consists of, or `nil` when it is not exactly one number.
    ///
    /// Besides the number only whitespace and a final period may be there: `12`, `12.`,
    /// `$12` and `-\frac{1}{2}` are numbers; `5 apples` and `1 2` are not.
    public func soleNumber(in text: String) -> Match? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let found = matches(in: trimmed)
        guard found.count == 1, let only = found.first, only.offset == 0 else { return nil }
        let rest = trimmed.dropFirst(only.written.count)
        return rest.allSatisfy { $0 == "." || $0.isWhitespace } ? only : nil
    }

    /// Canonical form of a number written on its own (a gold answer), or `nil` when the text
    /// is not exactly one number; see ``soleNumber(in:)``.
    public func canonicalValue(of text: String) -> String? {
        soleNumber(in: text)?.value
    }
}

// MARK: - Scanning

extension NumberScanner {
    /// What starts at a position: a number, a stretch to skip (a date), or nothing.
    private enum Token {
        case number(Match, end: Int)
        case skip(end: Int)
    }

    private static let currencySigns: Set<Character> = ["$", "€", "£", "¥", "₹"]

    private func token(startingAt start: Int, in characters: [Character]) -> Token? {
        var index = start
        var isNegative = false
        if characters[index] == "-" || characters[index] == "−" {
            guard Self.canStartSignedNumber(at: start, in: characters) else { return nil }
            isNegative = true
            index += 1
        }
        index = Self.skipCurrency(at: index, in: characters)
        if index < characters.count, characters[index] == "-" || characters[index] == "−",
           !isNegative, index > start {
            isNegative = true
            index += 1
        }
        if let (fraction, end) = latexFraction(at: index, in: characters) {
            return .number(match(fraction, negated: isNegative, from: start, to: end,
                                 in: characters), end: end)
        }
        return plainNumber(from: start, digitsAt: index, isNegative: isNegative,
                           in: characters)
    }

    /// Whether a `-` at `index` is a sign: not joined to a word or a number before it.
    private static func canStartSignedNumber(at index: Int, in characters: [Character])
        -> Bool
    {
        guard index > 0 else { return true }
        let previous = characters[index - 1]
        if previous.isLetter || previous.isNumber { return false }
        var back = index - 1
        while back >= 0, characters[back].isWhitespace { back -= 1 }
        guard back >= 0 else { return true }
        return !(characters[back].isASCIIDigit || ")]}%".contains(characters[back]))
    }

    private static func skipCurrency(at index: Int, in characters: [Character]) -> Int {
        guard index < characters.count else { return index }
        if characters[index] == "\\", index + 1 < characters.count, characters[index + 1] == "$" {
            return index + 2
        }
        return currencySigns.contains(characters[index]) ? index + 1 : index
    }

    private func plainNumber(from start: Int, digitsAt digitsStart: Int, isNegative: Bool,
                             in characters: [Character]) -> Token? {
        var index = digitsStart
        guard index < characters.count else { return nil }
        let startsWithPoint = characters[index] == "." && index + 1 < characters.count
            && characters[index + 1].isASCIIDigit
            && (index == 0 || !characters[index - 1].isASCIIDigit)
        guard characters[index].isASCIIDigit || startsWithPoint else { return nil }
        if start == digitsStart, start > 0 {
            let previous = characters[start - 1]
            if previous.isASCIIDigit || (previous.isLetter && previous.isASCII) { return nil }
        }
        if let end = Self.dateEnd(at: index, in: characters) { return .skip(end: end) }

        var integer = ""
        var hasGroups = false
        while index < characters.count, characters[index].isASCIIDigit {
            integer.append(characters[index])
            index += 1
            if index < characters.count, characters[index] == ",",
               Self.isDigitGroup(characters, from: index + 1) {
                hasGroups = true
                index += 1
            }
        }
        if !hasGroups, !integer.isEmpty, let (fraction, end) = slashFraction(
            numerator: integer, at: index, in: characters) {
            let match = match(fraction, negated: isNegative, from: start, to: end,
                              in: characters)
            return .number(match, end: end)
        }
        var decimals = ""
        if index + 1 < characters.count, characters[index] == ".",
           characters[index + 1].isASCIIDigit {
            index += 1
            while index < characters.count, characters[index].isASCIIDigit {
                decimals.append(characters[index])
                index += 1
            }
        }
        index = Self.skipPercent(at: index, in: characters)
        let value = Self.canonical(integer: integer, fraction: decimals,
                                   isNegative: isNegative)
        let written = String(characters[start..<index])
        let number = Double(value) ?? 0
        return .number(Match(value: value, numericValue: number, written: written,
                             offset: start), end: index)
    }

    private static func skipPercent(at index: Int, in characters: [Character]) -> Int {
        guard index < characters.count else { return index }
        if characters[index] == "%" { return index + 1 }
        if characters[index] == "\\", index + 1 < characters.count, characters[index + 1] == "%" {
            return index + 2
        }
        return index
    }

    /// The end of a date starting at `index` (`2024-01-05`, `1/5/2024`, `01.05.2024`),
    /// or `nil` when none starts there.
    private static func dateEnd(at index: Int, in characters: [Character]) -> Int? {
        var runs: [Int] = []
        var separator: Character?
        var position = index
        while position < characters.count {
            let runStart = position
            while position < characters.count, characters[position].isASCIIDigit {
                position += 1
            }
            guard position > runStart else { break }
            runs.append(position - runStart)
            guard runs.count < 3, position + 1 < characters.count,
                  "-/.".contains(characters[position]),
                  separator == nil || separator == characters[position],
                  characters[position + 1].isASCIIDigit else { break }
            separator = characters[position]
            position += 1
        }
        guard runs.count == 3 else { return nil }
        let isISO = runs[0] == 4 && runs[1] <= 2 && runs[2] <= 2 && separator == "-"
        let isDayFirst = runs[0] <= 2 && runs[1] <= 2 && (runs[2] == 2 || runs[2] == 4)
            && separator != "-"
        return isISO || isDayFirst ? position : nil
    }

    /// Whether exactly three digits start at `index` and no digit follows them.
    private static func isDigitGroup(_ characters: [Character], from index: Int) -> Bool {
        guard index + 3 <= characters.count else { return false }
        guard characters[index..<index + 3].allSatisfy(\.isASCIIDigit) else { return false }
        return index + 3 == characters.count || !characters[index + 3].isASCIIDigit
    }

    static func canonical(integer: String, fraction: String, isNegative: Bool) -> String {
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
