import EmberTestSupport
import Foundation
import Testing
@testable import EmberModels

@Suite("OpenAI Responses API", .timeLimit(.minutes(1)))
struct OpenAIResponsesProviderTests {
    let client = HTTPClient()

    func provider(_ server: LoopbackHTTPServer) -> OpenAIResponsesProvider {
        OpenAIResponsesProvider(baseURL: server.baseURL + "/v1", apiKey: "sk-test",
                                client: client)
    }

    func decode(_ json: String) throws -> ModelResponse {
        try JSONDecoder().decode(ResponsesObject.self, from: Data(json.utf8)).modelResponse
    }

    @Test("a completed response decodes text, usage with cached and reasoning tokens")
    func completed() throws {
        let response = try decode(#"""
            {"id":"resp_1","object":"response","status":"completed","model":"gpt-4.1",
            "output":[{"type":"reasoning","summary":[]},{"type":"message","role":"assistant",
            "content":[{"type":"output_text","text":"Paris","annotations":[]}]}],
            "usage":{"input_tokens":2006,"input_tokens_details":{"cached_tokens":1920},
            "output_tokens":300,"output_tokens_details":{"reasoning_tokens":200},
            "total_tokens":2306}}
            """#)
        #expect(response.text == "Paris")
        #expect(response.finishReason == .stop)
        #expect(response.usage == TokenUsage(inputTokens: 2006, outputTokens: 300,
                                             cachedInputTokens: 1920, reasoningTokens: 200))
        #expect(response.requestID == "resp_1")
    }

    @Test("an incomplete response cut by max_output_tokens is truncated")
    func incomplete() throws {
        let response = try decode(#"""
            {"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},
            "output":[{"type":"message","content":[{"type":"output_text","text":"Once"}]}]}
            """#)
        #expect(response.finishReason == .length)
        #expect(response.isTruncated)
        #expect(response.usage == nil)
    }

    @Test("a function call decodes to a tool call with nil text")
    func functionCall() throws {
        let response = try decode(#"""
            {"status":"completed","output":[{"type":"function_call","call_id":"call_1",
            "name":"calculator","arguments":"{\"expr\":\"12*7\"}"}]}
            """#)
        #expect(response.text == nil)
        #expect(response.finishReason == .toolCalls)
        #expect(response.toolCalls == [ToolCall(id: "call_1", name: "calculator",
                                                arguments: #"{"expr":"12*7"}"#)])
    }

    @Test("the request has instructions, typed input items and tool turns")
    func requestShape() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":"84"}]}]}"#)
        }
        defer { server.stop() }
        let call = ToolCall(id: "call_1", name: "calculator", arguments: #"{"expr":"12*7"}"#)
        let response = try await provider(server).complete(
            ModelRequest(messages: [.system("Be exact."), .user("12*7?"),
                                    ChatMessage(role: .assistant, content: nil,
                                                toolCalls: [call]),
                                    .toolResult("84", callID: "call_1")],
                         parameters: ModelParameters(maximumTokens: 16)),
            model: "gpt-4.1")
        #expect(response.text == "84")
        let recorded = try #require(server.requests.first)
        #expect(recorded.path == "/v1/responses")
        #expect(recorded.header("authorization") == "Bearer sk-test")
        let body = try #require(JSONSerialization.jsonObject(with: recorded.body)
            as? [String: Any])
        #expect(body["instructions"] as? String == "Be exact.")
        #expect(body["max_output_tokens"] as? Int == 16)
        let input = try #require(body["input"] as? [[String: Any]])
        #expect(input.map { $0["type"] as? String }
                == ["message", "function_call", "function_call_output"])
        #expect((input[0]["content"] as? [[String: String]])?.first?["type"] == "input_text")
        #expect(input[1]["call_id"] as? String == "call_1")
        #expect(input[2]["output"] as? String == "84")
    }

    @Test("a response format is sent as text.format; free text sends no text options",
          arguments: [
        (ResponseFormat?.some(.jsonSchema(name: "Verdict", schema: verdictSchema,
                                          isStrict: false)),
         JSONValue.object(["format": .object([
             "type": .string("json_schema"), "name": .string("Verdict"),
             "schema": verdictSchema, "strict": .bool(false),
         ])])),
        (ResponseFormat?.some(.jsonObject),
         JSONValue.object(["format": .object(["type": .string("json_object")])])),
        (ResponseFormat?.some(.text), nil),
        (nil, nil),
    ])
    func responseFormat(format: ResponseFormat?, expected: JSONValue?) async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"status":"completed","output":[]}"#)
        }
        defer { server.stop() }
        _ = try await provider(server).complete(
            ModelRequest(prompt: "Judge.", responseFormat: format), model: "gpt-4.1")
        let body = try JSONValue.body(try #require(server.requests.first).body)
        #expect(body[member: "text"] == expected)
    }

    static func event(_ type: String, _ json: String) -> String {
        "event: \(type)\ndata: \(json)\n\n"
    }

    @Test("a stream yields the text deltas, then the completed response with usage")
    func streaming() async throws {
        let text = [
            Self.event("response.created", #"{"type":"response.created","response":{"id":"resp_2","status":"in_progress"}}"#),
            Self.event("response.output_text.delta", #"{"type":"response.output_text.delta","delta":"Hel"}"#),
            Self.event("response.output_text.delta", #"{"type":"response.output_text.delta","delta":"lo"}"#),
            Self.event("response.completed", #"{"type":"response.completed","response":{"id":"resp_2","status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":"Hello"}]}],"usage":{"input_tokens":5,"output_tokens":2}}}"#),
        ].joined()
        let bytes = Data(text.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: 13).map { offset in
            (delay: Duration.zero, bytes: Data(bytes[offset..<min(offset + 13, bytes.count)]))
        }
        let server = try LoopbackHTTPServer.start { _ in .stream(chunks: chunks) }
        defer { server.stop() }
        var deltas: [String] = []
        var completed: ModelResponse?
        for try await event in provider(server).stream(ModelRequest(prompt: "x"), model: "m") {
            switch event {
            case .textDelta(let delta): deltas.append(delta)
            case .completed(let response): completed = response
            }
        }
        #expect(deltas == ["Hel", "lo"])
        #expect(completed?.text == "Hello")
        #expect(completed?.usage == TokenUsage(inputTokens: 5, outputTokens: 2))
        #expect(completed?.requestID == "resp_2")
    }

    @Test("a failed response ends the stream in a typed error keeping the text")
    func failed() async throws {
        let text = Self.event("response.output_text.delta", #"{"type":"response.output_text.delta","delta":"par"}"#)
            + Self.event("response.failed", #"{"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"The model failed"}}}"#)
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Data(text.utf8))])
        }
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            for try await _ in provider(server).stream(ModelRequest(prompt: "x"), model: "m") {}
        }
        #expect(error?.kind == .serverError)
        #expect(error?.partialText == "par")
        #expect(error?.description.contains("The model failed") == true)
    }

    @Test("a stream that ends before response.completed is truncated")
    func truncated() async throws {
        let text = Self.event("response.output_text.delta", #"{"type":"response.output_text.delta","delta":"half"}"#)
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Data(text.utf8))])
        }
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            for try await _ in provider(server).stream(ModelRequest(prompt: "x"), model: "m") {}
        }
        #expect(error?.kind == .truncatedStream)
        #expect(error?.partialText == "half")
    }
}
