import Foundation
import Testing
@testable import EmberModels

@Suite("Server-sent events parser")
struct ServerSentEventParserTests {
    /// Parses `pieces` fed as separate reads, then ends the stream.
    func parse(_ pieces: [[UInt8]]) -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for piece in pieces { events += parser.parse(piece) }
        return events + parser.finish()
    }

    /// Parses the text split at `|` marks, and also a byte at a time; both must agree.
    func parseBothWays(_ marked: String) -> [ServerSentEvent] {
        let pieces = marked.components(separatedBy: " | ").map { Array($0.utf8) }
        let whole = parse(pieces)
        let bytewise = parse(pieces.joined().map { [$0] })
        #expect(whole == bytewise)
        return whole
    }

    /// Runs events through the chat completions accumulator, as the provider does.
    func accumulate(_ events: [ServerSentEvent]) throws -> ModelResponse {
        var accumulator = ChatCompletionsStreamAccumulator(url: "test")
        for event in events { _ = try accumulator.consume(event) }
        return try accumulator.finish()
    }

    @Test("case 1: a JSON chunk split across reads; two deltas, then [DONE]")
    func splitChunk() throws {
        let events = parseBothWays(
            #"data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}"#
                + "\n\n"
                + #"data: {"id":"c1","choi | ces":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}"#
                + "\n\ndata: [DONE]\n\n")
        #expect(events.count == 3)
        #expect(events.last?.data == "[DONE]")
        let response = try accumulate(events)
        #expect(response.text == "Hello")
    }

    @Test("case 2: only one space after the colon is stripped")
    func oneSpace() throws {
        let events = parseBothWays(
            #"data:{"choices":[{"index":0,"delta":{"content":"A"}}]}"# + "\n\n"
                + #"data:  {"choices":[{"index":0,"delta":{"content":"B"}}]}"# + "\n\n"
                + "event:message\ndata:[DONE]\n\n")
        #expect(events[1].data.hasPrefix(" {"))
        #expect(events[2].type == "message")
        #expect(try accumulate(events).text == "AB")
    }

    @Test("case 3: comments are dropped, but counted as activity")
    func comments() throws {
        let text = ": PROCESSING\n\n: PROCESSING\n\n"
            + #"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}"#
            + "\n\n:\n\n"
            + #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#
            + "\n\ndata: [DONE]\n\n"
        var parser = ServerSentEventParser()
        let events = parser.parse(Array(text.utf8)) + parser.finish()
        var bytewiseParser = ServerSentEventParser()
        var bytewise: [ServerSentEvent] = []
        for byte in text.utf8 { bytewise += bytewiseParser.parse([byte]) }
        bytewise += bytewiseParser.finish()
        #expect(bytewise == events)
        #expect(parser.commentCount == 3)
        #expect(bytewiseParser.commentCount == 3)
        #expect(events.count == 3)
        #expect(events.allSatisfy { !$0.data.contains("PROCESSING") })
        let response = try accumulate(events)
        #expect(response.text == "Hi")
        #expect(response.finishReason == .stop)
    }

    @Test("line ends: LF, CRLF, and bare CR, with a CRLF pair split across reads")
    func lineEndings() {
        let events = parse([Array("data: a\r".utf8), Array("\n\r\ndata: b\r\rdata: c\n\n".utf8)])
        #expect(events.map(\.data) == ["a", "b", "c"])
    }

    @Test("multi-line data is joined with newlines, and event and id fields apply")
    func fields() {
        let events = parseBothWays("event: delta\nid: 7\ndata: one\ndata:two\ndata\n\ndata: x\n\n")
        #expect(events.count == 2)
        #expect(events[0] == ServerSentEvent(type: "delta", data: "one\ntwo\n", id: "7"))
        #expect(events[1] == ServerSentEvent(type: "message", data: "x", id: "7"))
    }

    @Test("retry sets the reconnection time only when it is all digits")
    func retry() {
        var parser = ServerSentEventParser()
        _ = parser.parse(Array("retry: 1500\n\nretry: 2x\n\n".utf8))
        #expect(parser.reconnectionTime == 1500)
    }

    @Test("an event with no data is not dispatched; an id with NUL is ignored")
    func emptyEvents() {
        var parser = ServerSentEventParser()
        let events = parser.parse(Array("event: ping\n\nid: a\u{0}b\n\n".utf8))
        #expect(events.isEmpty)
        #expect(parser.lastEventID == nil)
    }

    @Test("a multi-byte character split between reads arrives whole")
    func splitCharacter() {
        let bytes = Array("data: héllo – 日本\n\n".utf8)
        for split in 1..<bytes.count {
            let events = parse([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(events.map(\.data) == ["héllo – 日本"], "split at \(split)")
        }
    }

    @Test("a final event without its blank line is dispatched at the end")
    func finalEventAtEOF() {
        #expect(parse([Array("data: one\n\ndata: last".utf8)]).map(\.data) == ["one", "last"])
        #expect(parse([Array("data: last\n".utf8)]).map(\.data) == ["last"])
    }

    @Test("a byte-order mark at the start is skipped, even split across reads")
    func byteOrderMark() {
        #expect(parse([[0xEF, 0xBB], [0xBF] + Array("data: x\n\n".utf8)]).map(\.data) == ["x"])
        #expect(parse([[0xEF, 0xBB, 0xBF] + Array("data: y\n\n".utf8)]).map(\.data) == ["y"])
    }
}
