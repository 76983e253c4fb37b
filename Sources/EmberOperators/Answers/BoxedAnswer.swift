/// The content of a LaTeX `\boxed{…}` (or `\fbox{…}`) in a response, where models and
/// worked solutions put their final answer.
///
/// Braces nest (`\boxed{\frac{1}{2}}` holds `\frac{1}{2}`). A box whose braces never close,
/// as in a response cut off at its token limit, is not a box. `\boxed 5` without braces
/// holds the characters up to the next space or `$`.
public struct BoxedAnswer: Sendable, Hashable {
    /// What the box holds, as written, without surrounding whitespace.
    public var content: String
    /// Where `\boxed` starts, counted in characters from the start of the text.
    public var offset: Int
    /// Where the box ends (after its closing brace), counted in characters.
    public var endOffset: Int

    /// The last complete box in `text`, or `nil` when there is none.
    public static func last(in text: String) -> BoxedAnswer? {
        let characters = Array(text)
        var index = characters.count - 1
        while index >= 0 {
            if characters[index] == "\\", let box = box(at: index, in: characters) {
                return box
            }
            index -= 1
        }
        return nil
    }

    private static func box(at start: Int, in characters: [Character]) -> BoxedAnswer? {
        for command in ["\\boxed", "\\fbox"] {
            let letters = Array(command)
            guard start + letters.count <= characters.count,
                  Array(characters[start..<start + letters.count]) == letters else { continue }
            var index = start + letters.count
            if index < characters.count, characters[index].isLetter { return nil }
            while index < characters.count, characters[index] == " " { index += 1 }
            guard index < characters.count else { return nil }
            guard characters[index] == "{" else {
                let token = characters[index...].prefix { !$0.isWhitespace && $0 != "$" }
                guard !token.isEmpty else { return nil }
                return BoxedAnswer(content: String(token), offset: start,
                                   endOffset: index + token.count)
            }
            guard let end = closingBrace(from: index, in: characters) else { return nil }
            let content = String(characters[(index + 1)..<end])
            return BoxedAnswer(content: content.trimmingWhitespace(), offset: start,
                               endOffset: end + 1)
        }
        return nil
    }

    /// The index of the `}` that closes the `{` at `open`, or `nil` if it never closes.
    public static func closingBrace(from open: Int, in characters: [Character]) -> Int? {
        var depth = 0
        var index = open
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 1  // An escaped brace (`\{`) does not count.
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
