import Foundation
import Testing
@testable import EmberModels

@Suite("Chat completions streams")
struct ChatCompletionsStreamTests {
    func events(_ lines: [String]) -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        return parser.parse(Array(lines.map { "data: \($0)\n\n" }.joined().utf8)) + parser.finish()
    }

    func run(_ lines: [String]) throws(ModelError) -> ModelResponse {
        var accumulator = ChatCompletionsStreamAccumulator(url: "http://x/v1/chat/completions")
        for event in events(lines) { _ = try accumulator.consume(event) }
        return try accumulator.finish()
    }

    @Test("usage comes once from the final choiceless chunk; null usage elsewhere is ignored")
    func usageChunk() throws {
        let response = try run([
            #"{"id":"x","choices":[{"index":0,"delta":{"content":"Hi"}}],"usage":null}"#,
            #"{"id":"x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}"#,
            #"{"id":"x","choices":[],"usage":{"prompt_tokens":24,"completion_tokens":58,"total_tokens":82}}"#,
            "[DONE]",
        ])
        #expect(response.text == "Hi")
        #expect(response.usage == TokenUsage(inputTokens: 24, outputTokens: 58))
        #expect(response.usage?.totalTokens == 82)
    }

    @Test("without a usage chunk the usage is unknown, not zero")
    func noUsage() throws {
        let response = try run([
            #"{"choices":[{"delta":{"content":"A"},"finish_reason":"stop"}]}"#, "[DONE]",
        ])
        #expect(response.usage == nil)
    }

    @Test("cumulative usage on every chunk: the last value, not the sum")
    func cumulativeUsage() throws {
        let response = try run([
            #"{"choices":[{"delta":{"content":"a"}}],"usage":{"prompt_tokens":5,"completion_tokens":1}}"#,
            #"{"choices":[{"delta":{"content":"b"}}],"usage":{"prompt_tokens":5,"completion_tokens":2}}"#,
            #"{"choices":[{"delta":{},"finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":3}}"#,
        ])
        #expect(response.usage == TokenUsage(inputTokens: 5, outputTokens: 3))
        #expect(response.finishReason == .length)
    }

    @Test("a ping is ignored; an error object ends the stream overloaded, keeping the text")
    func errorInStream() {
        let error = #expect(throws: ModelError.self) {
            try run([
                #"{"choices":[{"delta":{"content":"par"}}]}"#,
                #"{"type": "ping"}"#,
                #"{"error":{"code":"overloaded_error","message":"Overloaded","type":"invalid_request_error"}}"#,
            ])
        }
        #expect(error?.kind == .overloaded)
        #expect(error?.isRetryable == true)
        #expect(error?.partialText == "par")
        #expect(error?.description.contains("Overloaded") == true)
    }

    @Test("an Anthropic-style error event ends the stream overloaded")
    func errorEvent() {
        var parser = ServerSentEventParser()
        let text = "data: " + #"{"choices":[{"delta":{"content":"so far"}}]}"# + "\n\n"
            + "event: error\ndata: "
            + #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
            + "\n\n"
        let events = parser.parse(Array(text.utf8))
        var accumulator = ChatCompletionsStreamAccumulator(url: "u")
        let error = #expect(throws: ModelError.self) {
            for event in events { _ = try accumulator.consume(event) }
        }
        #expect(error?.kind == .overloaded)
        #expect(error?.partialText == "so far")
    }

    @Test("EOF after a finish reason without [DONE] is a success")
    func finishWithoutDone() throws {
        let response = try run([#"{"choices":[{"delta":{"content":"ok"},"finish_reason":"stop"}]}"#])
        #expect(response.text == "ok")
    }

    @Test("EOF with no finish reason is a truncated stream keeping the text")
    func truncated() {
        let error = #expect(throws: ModelError.self) {
            try run([#"{"choices":[{"delta":{"content":"half"}}]}"#])
        }
        #expect(error?.kind == .truncatedStream)
        #expect(error?.partialText == "half")
        #expect(error?.isRetryable == true)
    }

    @Test("a chunk that is not JSON is a decoding error quoting it")
    func notJSON() {
        let error = #expect(throws: ModelError.self) { try run(["{oops"]) }
        #expect(error?.kind == .undecodableResponse)
        #expect(error?.description.contains("{oops") == true)
    }
}
