/// Finds the spans of a model's reply (UTF-8 bytes) that may be JSON objects or arrays.
enum JSONSpans {
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let openers: [UInt8: UInt8] = [
        UInt8(ascii: "{"): UInt8(ascii: "}"), UInt8(ascii: "["): UInt8(ascii: "]"),
    ]
    private static let closers: Set<UInt8> = [UInt8(ascii: "}"), UInt8(ascii: "]")]

    /// The balanced `{…}` and `[…]` spans of `text`, by where they start.
    ///
    /// Outside any span, the text is prose: quotes there are not strings. From a `{` or `[`,
    /// brackets are matched with strings taken into account (a `}` inside `"…"`, or after
    /// `\"` in one, is not structure), and every pair that matches, nested ones too, is a
    /// span. A span that never closes, or closes with the wrong bracket, is given up and the
    /// search starts again after its opening bracket. The search stops after examining
    /// `budget` bytes, so a pathological reply cannot make it quadratic without bound.
    static func balanced(in text: [UInt8], budget: Int? = nil) -> [Range<Int>] {
        var remaining = budget ?? (text.count * 8 + 100_000)
        var spans: [Range<Int>] = []
        var seen: Set<Int> = []
        var start = 0
        while start < text.count && remaining > 0 {
            guard openers[text[start]] != nil, !seen.contains(start) else {
                start += 1
                continue
            }
            let scan = match(from: start, in: text, budget: &remaining)
            for pair in scan.pairs where seen.insert(pair.lowerBound).inserted {
                spans.append(pair)
            }
            start = scan.closedAt ?? start + 1
        }
        return spans.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Matches brackets from the one at `start`: the pairs that closed, and where the span
    /// of `start` ended (the index after its closing bracket), if it did.
    private static func match(from start: Int, in text: [UInt8], budget: inout Int)
        -> (pairs: [Range<Int>], closedAt: Int?)
    {
        var pairs: [Range<Int>] = []
        var stack: [(index: Int, closer: UInt8)] = []
        var isInString = false
        var isEscaped = false
        var index = start
        while index < text.count && budget > 0 {
            let byte = text[index]
            budget -= 1
            index += 1
            if isInString {
                if isEscaped {
                    isEscaped = false
                } else if byte == backslash {
                    isEscaped = true
                } else if byte == quote {
                    isInString = false
                }
            } else if byte == quote {
                isInString = true
            } else if let closer = openers[byte] {
                stack.append((index - 1, closer))
            } else if closers.contains(byte) {
                guard let top = stack.popLast(), top.closer == byte else {
                    return (pairs, nil)
                }
                pairs.append(top.index..<index)
                if stack.isEmpty { return (pairs, index) }
            }
        }
        return (pairs, nil)
    }

    /// `range` without the whitespace at its ends.
    static func trimmed(_ range: Range<Int>, in text: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isSpace(text[lower]) { lower += 1 }
        while upper > lower && isSpace(text[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        switch byte {
        // Space, tab, line feed, carriage return.
        case 0x20, 0x09, 0x0A, 0x0D: true
        default: false
        }
    }
}
