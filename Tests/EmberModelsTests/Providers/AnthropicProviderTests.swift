import EmberTestSupport
import Foundation
import Testing
@testable import EmberModels

@Suite("Anthropic messages", .timeLimit(.minutes(1)))
struct AnthropicProviderTests {
    let client = HTTPClient()

    func provider(_ server: LoopbackHTTPServer, idle: Duration = .seconds(60))
        -> AnthropicProvider
    {
        AnthropicProvider(baseURL: server.baseURL + "/v1/", apiKey: "sk-ant-test",
                          client: client, streamIdleTimeout: idle)
    }

    @Test("a reply decodes text, stop reason and usage with cache reads added to the input")
    func decoding() throws {
        let body = #"""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-0",
            "content":[{"type":"text","text":"Paris"}],"stop_reason":"end_turn",
            "usage":{"input_tokens":9,"cache_read_input_tokens":17102,
            "cache_creation_input_tokens":0,"output_tokens":120}}
            """#
        let response = try ModelResponse.decodingAnthropicMessage(Data(body.utf8), from: "u")
        #expect(response.text == "Paris")
        #expect(response.finishReason == .stop)
        #expect(response.usage == TokenUsage(inputTokens: 17111, outputTokens: 120,
                                             cachedInputTokens: 17102, cacheWriteTokens: 0))
        let pricing = ModelPricing(inputPerMillion: 3, cachedInputPerMillion: Decimal(string: "0.30")!,
                                   cacheWritePerMillion: Decimal(string: "3.75")!,
                                   outputPerMillion: 15)
        #expect(pricing.cost(of: response.usage!) == Decimal(string: "0.0069576"))
    }

    @Test("max_tokens maps to length, tool_use to a tool call with its input as JSON")
    func stopReasons() throws {
        let truncated = try ModelResponse.decodingAnthropicMessage(Data(
            #"{"content":[{"type":"text","text":"Once"}],"stop_reason":"max_tokens"}"#.utf8),
            from: "u")
        #expect(truncated.finishReason == .length)
        #expect(truncated.isTruncated)
        let tool = try ModelResponse.decodingAnthropicMessage(Data(#"""
            {"content":[{"type":"tool_use","id":"toolu_1","name":"calculator",
            "input":{"expr":"12*7"}}],"stop_reason":"tool_use"}
            """#.utf8), from: "u")
        #expect(tool.text == nil)
        #expect(tool.finishReason == .toolCalls)
        #expect(tool.toolCalls == [ToolCall(id: "toolu_1", name: "calculator",
                                            arguments: #"{"expr":"12*7"}"#)])
    }

    @Test("the request carries the key, version, system prompt, max_tokens and tool turns")
    func requestShape() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"content":[{"type":"text","text":"84"}],"stop_reason":"end_turn"}"#)
        }
        defer { server.stop() }
        let call = ToolCall(id: "toolu_1", name: "calculator", arguments: #"{"expr":"12*7"}"#)
        let request = ModelRequest(messages: [
            .system("Be exact."), .user("12*7?"),
            ChatMessage(role: .assistant, content: nil, toolCalls: [call]),
            .toolResult("84", callID: "toolu_1"),
        ])
        let response = try await provider(server).complete(request, model: "claude-x")
        #expect(response.text == "84")
        #expect(response.usage == nil)
        let recorded = try #require(server.requests.first)
        #expect(recorded.path == "/v1/messages")
        #expect(recorded.header("x-api-key") == "sk-ant-test")
        #expect(recorded.header("anthropic-version") == "2023-06-01")
        #expect(recorded.header("authorization") == nil)
        let body = try #require(JSONSerialization.jsonObject(with: recorded.body) as? [String: Any])
        #expect(body["system"] as? String == "Be exact.")
        #expect(body["max_tokens"] as? Int == 1024)
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "user"])
        let toolUse = (messages[1]["content"] as? [[String: Any]])?.first
        #expect(toolUse?["type"] as? String == "tool_use")
        #expect((toolUse?["input"] as? [String: String])?["expr"] == "12*7")
        let toolResult = (messages[2]["content"] as? [[String: Any]])?.first
        #expect(toolResult?["type"] as? String == "tool_result")
        #expect(toolResult?["tool_use_id"] as? String == "toolu_1")
    }

    @Test("a response format is not sent: the messages API has no setting for it")
    func responseFormatNotSent() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"content":[{"type":"text","text":"{}"}],"stop_reason":"end_turn"}"#)
        }
        defer { server.stop() }
        let format = ResponseFormat.jsonSchema(name: "Verdict", schema: verdictSchema,
                                               isStrict: true)
        _ = try await provider(server).complete(
            ModelRequest(prompt: "Judge.", responseFormat: format), model: "claude-x")
        let body = try JSONValue.body(try #require(server.requests.first).body)
        #expect(body.memberNames == ["model", "max_tokens", "messages"])
    }

    @Test("a 529 overloaded error keeps its type, message and request id, and is retryable")
    func overloaded() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .respond(status: 529, headers: ["request-id": "req_9"], body: Data(
                #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
                    .utf8))
        }
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            try await provider(server).complete(ModelRequest(prompt: "x"), model: "m")
        }
        #expect(error?.kind == .overloaded)
        #expect(error?.providerType == "overloaded_error")
        #expect(error?.requestID == "req_9")
        #expect(error?.isRetryable == true)
        #expect(error?.description.contains("sk-ant-test") == false)
    }

    @Test("a 401 is an authentication error that never shows the key")
    func authentication() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .respond(status: 401, body: Data(
                #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#
                    .utf8))
        }
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            try await provider(server).complete(ModelRequest(prompt: "x"), model: "m")
        }
        #expect(error?.kind == .authentication)
        #expect(error?.isRetryable == false)
        #expect(error?.description.contains("sk-ant-test") == false)
    }

    static func event(_ type: String, _ json: String) -> String {
        "event: \(type)\ndata: \(json)\n\n"
    }

    static let streamed = [
        event("message_start", #"{"type":"message_start","message":{"id":"msg_2","model":"claude-x","usage":{"input_tokens":7,"cache_read_input_tokens":24,"output_tokens":0}}}"#),
        event("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
        event("ping", #"{"type": "ping"}"#),
        event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}"#),
        event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}"#),
        event("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}"#),
        event("message_stop", #"{"type":"message_stop"}"#),
    ]

    @Test("a stream split into small writes yields the text, stop reason and usage")
    func streaming() async throws {
        let bytes = Data(Self.streamed.joined().utf8)
        let chunks = stride(from: 0, to: bytes.count, by: 11).map { offset in
            (delay: Duration.zero, bytes: Data(bytes[offset..<min(offset + 11, bytes.count)]))
        }
        let server = try LoopbackHTTPServer.start { _ in .stream(chunks: chunks) }
        defer { server.stop() }
        var deltas: [String] = []
        var completed: ModelResponse?
        for try await event in provider(server).stream(ModelRequest(prompt: "x"), model: "m") {
            switch event {
            case .textDelta(let text): deltas.append(text)
            case .completed(let response): completed = response
            }
        }
        #expect(deltas == ["Hel", "lo"])
        let response = try #require(completed)
        #expect(response.text == "Hello")
        #expect(response.finishReason == .stop)
        #expect(response.usage == TokenUsage(inputTokens: 31, outputTokens: 2,
                                             cachedInputTokens: 24))
        #expect(response.requestID == "msg_2")
        let recorded = try #require(server.requests.first)
        let body = try #require(JSONSerialization.jsonObject(with: recorded.body)
            as? [String: Any])
        #expect(body["stream"] as? Bool == true)
    }

    @Test("an error event mid-stream ends it overloaded, keeping the partial text")
    func errorEvent() async throws {
        let text = Self.streamed[0...3].joined()
            + Self.event("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Data(text.utf8))])
        }
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            for try await _ in provider(server).stream(ModelRequest(prompt: "x"), model: "m") {}
        }
        #expect(error?.kind == .overloaded)
        #expect(error?.partialText == "Hel")
    }

    @Test("EOF with no stop reason and no message_stop is a truncated stream")
    func truncated() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Data(Self.streamed[0...4].joined().utf8))])
        }
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            for try await _ in provider(server).stream(ModelRequest(prompt: "x"), model: "m") {}
        }
        #expect(error?.kind == .truncatedStream)
        #expect(error?.partialText == "Hello")
    }

    @Test("EOF after a stop reason without message_stop is a success")
    func stopWithoutMessageStop() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Data(Self.streamed[0...6].joined().utf8))])
        }
        defer { server.stop() }
        var completed: ModelResponse?
        for try await event in provider(server).stream(ModelRequest(prompt: "x"), model: "m") {
            if case .completed(let response) = event { completed = response }
        }
        #expect(completed?.text == "Hello")
    }
}
