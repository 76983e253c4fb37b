/// Fractions: `3/4`, `\frac{3}{4}`, `\dfrac{-3}{4}`, `\tfrac34`.
extension NumberScanner {
    /// A fraction of whole numbers, as written; the denominator is positive.
    struct Fraction: Hashable {
        var numerator: Int
        var denominator: Int

        /// The exact decimal when there is one (`0.75`), else the reduced fraction (`1/3`).
        var canonicalValue: String {
            let divisor = Self.greatestCommonDivisor(abs(numerator), denominator)
            let top = numerator / max(divisor, 1)
            let bottom = denominator / max(divisor, 1)
            if bottom == 1 { return String(top) }
            if let decimal = Self.decimal(top, over: bottom) { return decimal }
            return "\(top)/\(bottom)"
        }

        var doubleValue: Double { Double(numerator) / Double(denominator) }

        private static func greatestCommonDivisor(_ first: Int, _ second: Int) -> Int {
            second == 0 ? first : greatestCommonDivisor(second, first % second)
        }

        /// `top / bottom` written as a terminating decimal, or `nil` when it does not
        /// terminate (a prime other than 2 and 5 divides `bottom`) or would overflow.
        private static func decimal(_ top: Int, over bottom: Int) -> String? {
            var rest = bottom
            var twos = 0
            var fives = 0
            while rest % 2 == 0 { rest /= 2; twos += 1 }
            while rest % 5 == 0 { rest /= 5; fives += 1 }
            guard rest == 1 else { return nil }
            let places = max(twos, fives)
            var scale = 1
            for _ in 0..<places { scale *= 10 }
            let (scaled, overflow) = abs(top).multipliedReportingOverflow(by: scale / bottom)
            guard !overflow else { return nil }
            var digits = String(scaled)
            while digits.count <= places { digits = "0" + digits }
            let integer = String(digits.dropLast(places))
            let fraction = String(digits.suffix(places))
            return NumberScanner.canonical(integer: integer, fraction: fraction,
                                           isNegative: top < 0)
        }
    }

    /// The match for `fraction` written from `start` to `end`, negated if a sign preceded.
    func match(_ fraction: Fraction, negated: Bool, from start: Int, to end: Int,
               in characters: [Character]) -> Match {
        var signed = fraction
        if negated { signed.numerator = -signed.numerator }
        return Match(value: signed.canonicalValue, numericValue: signed.doubleValue,
                     written: String(characters[start..<end]), offset: start)
    }

    /// `/` and a whole denominator after `numerator`'s digits, ending at the returned index.
    ///
    /// Spaced slashes (`3 / 4`), decimal denominators and zero denominators are not
    /// fractions here.
    func slashFraction(numerator: String, at index: Int, in characters: [Character])
        -> (Fraction, end: Int)?
    {
        guard index + 1 < characters.count, characters[index] == "/",
              characters[index + 1].isASCIIDigit else { return nil }
        var end = index + 1
        var denominator = ""
        while end < characters.count, characters[end].isASCIIDigit {
            denominator.append(characters[end])
            end += 1
        }
        if end + 1 < characters.count, ".,/".contains(characters[end]),
           characters[end + 1].isASCIIDigit {
            return nil
        }
        guard let top = Int(numerator), let bottom = Int(denominator), bottom != 0 else {
            return nil
        }
        return (Fraction(numerator: top, denominator: bottom), end)
    }

    /// A LaTeX fraction of whole numbers starting at `index`: `\frac{3}{4}`, `\dfrac`,
    /// `\tfrac`, or the short `\frac34`.
    func latexFraction(at index: Int, in characters: [Character]) -> (Fraction, end: Int)? {
        guard index < characters.count, characters[index] == "\\" else { return nil }
        var position = index + 1
        for command in ["frac", "dfrac", "tfrac"] {
            let letters = Array(command)
            if position + letters.count <= characters.count,
               Array(characters[position..<position + letters.count]) == letters {
                position += letters.count
                return fractionArguments(at: position, in: characters)
            }
        }
        return nil
    }

    private func fractionArguments(at start: Int, in characters: [Character])
        -> (Fraction, end: Int)?
    {
        if start + 1 < characters.count, characters[start].isASCIIDigit,
           characters[start + 1].isASCIIDigit {
            guard let top = characters[start].wholeNumberValue,
                  let bottom = characters[start + 1].wholeNumberValue, bottom != 0 else {
                return nil
            }
            return (Fraction(numerator: top, denominator: bottom), start + 2)
        }
        guard let (top, afterTop) = bracedInteger(at: start, in: characters),
              let (bottom, end) = bracedInteger(at: afterTop, in: characters),
              bottom > 0 || bottom < 0 else { return nil }
        let sign = bottom < 0 ? -1 : 1
        return (Fraction(numerator: top * sign, denominator: bottom * sign), end)
    }

    /// `{ -12 }` at `index`: a signed whole number in braces, and the index after them.
    private func bracedInteger(at index: Int, in characters: [Character])
        -> (Int, end: Int)?
    {
        guard index < characters.count, characters[index] == "{" else { return nil }
        var position = index + 1
        var text = ""
        while position < characters.count, characters[position] != "}" {
            let character = characters[position]
            if character == "−" { text.append("-") } else if !character.isWhitespace {
                text.append(character)
            }
            position += 1
        }
        guard position < characters.count, let value = Int(text) else { return nil }
        return (value, position + 1)
    }
}
