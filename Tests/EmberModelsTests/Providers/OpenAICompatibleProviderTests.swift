import EmberTestSupport
import Foundation
import Testing
import EmberModels

@Suite("OpenAI-compatible provider", .timeLimit(.minutes(1)))
struct OpenAICompatibleProviderTests {
    let client = HTTPClient()

    @Test("it posts the chat request with the bearer key and decodes the reply")
    func roundTrip() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json("""
                {"id":"c1","model":"gpt-test","choices":[{"index":0,"message":{"role":\
                "assistant","content":"Paris"},"finish_reason":"stop"}],"usage":\
                {"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}
                """)
        }
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(baseURL: server.baseURL + "/v1/",
                                                apiKey: "sk-test", client: client)
        let response = try await provider.complete(
            ModelRequest(prompt: "Capital of France?",
                         parameters: ModelParameters(temperature: 0, maximumTokens: 8)),
            model: "gpt-test")
        #expect(response.text == "Paris")
        #expect(response.usage == TokenUsage(inputTokens: 12, outputTokens: 1))

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("authorization") == "Bearer sk-test")
        #expect(request.header("content-type") == "application/json")
        let body = try #require(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(body["model"] as? String == "gpt-test")
        #expect(body["max_tokens"] as? Int == 8)
    }

    @Test("a schema format is sent as response_format json_schema, with name and strictness")
    func jsonSchemaFormat() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"choices":[{"message":{"content":"{\"verdict\":\"ok\"}"}}]}"#)
        }
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: nil,
                                                client: client)
        let format = ResponseFormat.jsonSchema(name: "Verdict", schema: verdictSchema,
                                               isStrict: true)
        let response = try await provider.complete(
            ModelRequest(prompt: "Judge.", responseFormat: format), model: "m")
        #expect(response.text == #"{"verdict":"ok"}"#)

        let body = try JSONValue.body(try #require(server.requests.first).body)
        #expect(body[member: "response_format"] == .object([
            "type": .string("json_schema"),
            "json_schema": .object([
                "name": .string("Verdict"), "schema": verdictSchema, "strict": .bool(true),
            ]),
        ]))
    }

    @Test("JSON mode is sent as json_object; free text sends no response_format", arguments: [
        (ResponseFormat?.some(.jsonObject), JSONValue.object(["type": .string("json_object")])),
        (ResponseFormat?.some(.text), nil),
        (nil, nil),
    ])
    func otherFormats(format: ResponseFormat?, expected: JSONValue?) async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"choices":[{"message":{"content":"{}"}}]}"#)
        }
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: nil,
                                                client: client)
        _ = try await provider.complete(ModelRequest(prompt: "x", responseFormat: format),
                                        model: "m")
        let body = try JSONValue.body(try #require(server.requests.first).body)
        #expect(body[member: "response_format"] == expected)
    }

    @Test("without a key no Authorization header is sent")
    func noKey() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"choices":[{"message":{"content":"ok"}}]}"#)
        }
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: nil,
                                                client: client)
        _ = try await provider.complete(ModelRequest(prompt: "x"), model: "m")
        #expect(server.requests.first?.header("authorization") == nil)
    }

    @Test("an error status carries the status and the provider's own message")
    func errorStatus() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"error":{"message":"Rate limit reached","type":"requests"}}"#, status: 429)
        }
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: "k",
                                                client: client)
        let error = await #expect(throws: ModelError.self) {
            try await provider.complete(ModelRequest(prompt: "x"), model: "m")
        }
        #expect(error?.status == 429)
        #expect(error?.isRetryable == true)
        #expect(error?.description.contains("Rate limit reached") == true)
        #expect(error?.description.contains("HTTP 429") == true)
    }

    @Test("a 401 is not retryable")
    func unauthorized() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"error":{"message":"Incorrect API key provided"}}"#, status: 401)
        }
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: "bad",
                                                client: client)
        let error = await #expect(throws: ModelError.self) {
            try await provider.complete(ModelRequest(prompt: "x"), model: "m")
        }
        #expect(error?.isRetryable == false)
    }
}
