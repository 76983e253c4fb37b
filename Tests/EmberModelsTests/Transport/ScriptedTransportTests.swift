import EmberTestSupport
import Foundation
import Testing
import EmberModels

@Suite("Providers over an in-memory transport", .timeLimit(.minutes(1)))
struct ScriptedTransportTests {
    @Test("a tool-call completion decodes through a scripted transport, no socket opened")
    func toolCallCompletion() async throws {
        let transport = ScriptedHTTPTransport { _ in
            .json("""
                {"id":"chatcmpl-9","choices":[{"index":0,"finish_reason":"tool_calls",\
                "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1",\
                "type":"function","function":{"name":"calculator",\
                "arguments":"{\\"expr\\":\\"12*7\\"}"}}]}}],\
                "usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29}}
                """)
        }
        let provider = OpenAICompatibleProvider(baseURL: "http://model.invalid/v1",
                                                apiKey: "sk-test", client: transport)
        let response = try await provider.complete(ModelRequest(prompt: "What is 12*7?"),
                                                   model: "gpt-test")
        #expect(response.text == nil)
        #expect(response.finishReason == .toolCalls)
        #expect(response.toolCalls == [
            ToolCall(id: "call_1", name: "calculator", arguments: #"{"expr":"12*7"}"#),
        ])
        #expect(response.usage == TokenUsage(inputTokens: 20, outputTokens: 9))

        let sent = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(sent.method == "POST")
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.header("authorization") == "Bearer sk-test")
        let body = try JSONValue.body(sent.body)
        #expect(body[member: "model"] == .string("gpt-test"))
    }

    @Test("a Gemini stream split mid-event through a scripted transport yields its text")
    func geminiStream() async throws {
        let event = #"data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}]}"#
            + "\r\n\r\n"
            + #"data: {"candidates":[{"content":{"parts":[{"text":"lo"}]},"finishReason":"STOP"}],"#
            + #""usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":2}}"#
            + "\r\n\r\n"
        let bytes = Data(event.utf8)
        let transport = ScriptedHTTPTransport { _ in
            .stream(chunks: [(.zero, bytes.prefix(30)), (.zero, bytes.dropFirst(30))])
        }
        let provider = GeminiProvider(baseURL: "http://gemini.invalid/v1beta", apiKey: "AIza-k",
                                      client: transport)
        var deltas: [String] = []
        var completed: ModelResponse?
        for try await event in provider.stream(ModelRequest(prompt: "hi"), model: "gemini-x") {
            switch event {
            case .textDelta(let text): deltas.append(text)
            case .completed(let response): completed = response
            }
        }
        #expect(deltas == ["Hel", "lo"])
        #expect(completed?.text == "Hello")
        #expect(completed?.finishReason == .stop)
        #expect(completed?.usage == TokenUsage(inputTokens: 4, outputTokens: 2))
        #expect(transport.requests.first?.path
                    == "/v1beta/models/gemini-x:streamGenerateContent?alt=sse")
    }

    @Test("a stream that falls silent past its idle timeout fails, keeping the partial text")
    func idleTimeout() async throws {
        let delta = Data((#"data: {"choices":[{"index":0,"delta":{"content":"par"}}]}"#
                          + "\n\n").utf8)
        let transport = ScriptedHTTPTransport { _ in
            .stream(chunks: [(.zero, delta)], stall: .seconds(30))
        }
        let provider = OpenAICompatibleProvider(
            baseURL: "http://model.invalid/v1", apiKey: nil, client: transport,
            streamIdleTimeout: .milliseconds(50))
        let error = await #expect(throws: ModelError.self) {
            for try await _ in provider.stream(ModelRequest(prompt: "x"), model: "m") {}
        }
        #expect(error?.kind == .timeout)
        #expect(error?.partialText == "par")
    }
}
