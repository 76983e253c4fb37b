import Testing
@testable import EmberOperators

@Suite("Finding JSON in a reply")
struct JSONCandidateScanningTests {
    func text(_ range: Range<Int>, of bytes: [UInt8]) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    @Test("fences: label, content, CRLF lines, tildes, and one never closed")
    func fences() {
        let bytes = Array("Intro\r\n```Bash extra\r\nls\r\n```\r\n~~~~\n```\nx\n~~~~\n```json\n{}"
            .utf8)
        let fences = MarkdownFence.fences(in: bytes)
        #expect(fences.map(\.label) == ["bash", "", "json"])
        #expect(fences.map { text($0.content, of: bytes) } == ["ls\r\n", "```\nx\n", "{}"])
        #expect(fences.map(\.isJSON) == [false, false, true])
    }

    @Test("a fence closes only on a line of as many marks and nothing else")
    func fenceClosing() {
        let bytes = Array("````\n```\n``` not\n````\n".utf8)
        let fences = MarkdownFence.fences(in: bytes)
        #expect(fences.map { text($0.content, of: bytes) } == ["```\n``` not\n"])
    }

    @Test("balanced spans come by start, nested ones included; strings hide brackets")
    func balancedSpans() {
        let bytes = Array(#"a {"k": ["}", {"n": 1}]} b [2] {"#.utf8)
        let spans = JSONSpans.balanced(in: bytes).map { text($0, of: bytes) }
        #expect(spans == [#"{"k": ["}", {"n": 1}]}"#, #"["}", {"n": 1}]"#, #"{"n": 1}"#, "[2]"])
    }

    @Test("a span closed by the wrong bracket is given up, and the search goes on inside it")
    func mismatchedBracket() {
        let bytes = Array(#"{ oops ] {"a": 1}"#.utf8)
        let spans = JSONSpans.balanced(in: bytes).map { text($0, of: bytes) }
        #expect(spans == [#"{"a": 1}"#])
    }

    @Test("quotes in prose are not strings")
    func proseQuotes() {
        let bytes = Array(#"He said "use {x}" then {"a": "b"}"#.utf8)
        let spans = JSONSpans.balanced(in: bytes).map { text($0, of: bytes) }
        #expect(spans == ["{x}", #"{"a": "b"}"#])
    }

    @Test("the search stops when its budget is spent")
    func budget() {
        let bytes = Array((String(repeating: "{", count: 2_000) + "{}").utf8)
        #expect(JSONSpans.balanced(in: bytes, budget: 100).isEmpty)
        #expect(JSONSpans.balanced(in: bytes).count == 1)
    }
}
