/// A fenced code block of Markdown (```` ```json ```` … ```` ``` ````) in a model's reply.
struct MarkdownFence: Equatable {
    /// The first word after the opening fence, lowercased: `json`, `bash`; empty for none.
    var label: String
    /// The bytes between the fence lines; up to the end for a fence never closed.
    var content: Range<Int>

    /// Whether the block says it holds JSON (`json`, `jsonc`, `json5`, in any case).
    var isJSON: Bool { label.hasPrefix("json") }

    private static let backtick = UInt8(ascii: "`")
    private static let tilde = UInt8(ascii: "~")

    /// The fenced blocks of `text` (UTF-8), in order.
    ///
    /// A fence is a line of three or more backticks or tildes, indented by any amount; the
    /// block ends at a line of at least as many of the same character and nothing else.
    /// Lines may end in `\n` or `\r\n`.
    static func fences(in text: [UInt8]) -> [MarkdownFence] {
        var fences: [MarkdownFence] = []
        var open: (character: UInt8, length: Int, label: String, start: Int)?
        for line in lines(of: text) {
            let marker = fenceMarker(text, line)
            if let current = open {
                guard let marker, marker.character == current.character,
                      marker.length >= current.length, marker.rest.isEmpty
                else { continue }
                fences.append(MarkdownFence(label: current.label,
                                            content: current.start..<line.lowerBound))
                open = nil
            } else if let marker {
                open = (marker.character, marker.length, label(of: text, marker.rest),
                        line.upperBound)
            }
        }
        if let open {
            fences.append(MarkdownFence(label: open.label, content: open.start..<text.count))
        }
        return fences
    }

    /// Each line's bytes without its line ending; `upperBound` is where the next line starts.
    private static func lines(of text: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for index in text.indices where text[index] == UInt8(ascii: "\n") {
            lines.append(start..<index + 1)
            start = index + 1
        }
        if start < text.count { lines.append(start..<text.count) }
        return lines
    }

    /// The fence a line opens or closes, if it is one: its character, how many, and the
    /// trimmed rest of the line (the info string).
    private static func fenceMarker(_ text: [UInt8], _ line: Range<Int>)
        -> (character: UInt8, length: Int, rest: Range<Int>)?
    {
        let trimmed = JSONSpans.trimmed(line, in: text)
        guard let first = trimmed.first.map({ text[$0] }),
              first == backtick || first == tilde
        else { return nil }
        var end = trimmed.lowerBound
        while end < trimmed.upperBound && text[end] == first { end += 1 }
        let length = end - trimmed.lowerBound
        guard length >= 3 else { return nil }
        return (first, length, JSONSpans.trimmed(end..<trimmed.upperBound, in: text))
    }

    private static func label(of text: [UInt8], _ rest: Range<Int>) -> String {
        let word = text[rest].prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        return String(decoding: word, as: UTF8.self).lowercased()
    }
}
