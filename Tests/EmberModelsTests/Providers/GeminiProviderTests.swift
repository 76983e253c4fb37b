import EmberTestSupport
import Foundation
import Testing
import EmberModels

@Suite("Gemini provider", .timeLimit(.minutes(1)))
struct GeminiProviderTests {
    let client = HTTPClient()

    static let apiKey = "AIza-test-key-123"

    func provider(_ server: LoopbackHTTPServer, idle: Duration = .seconds(60))
        -> GeminiProvider
    {
        GeminiProvider(baseURL: server.baseURL + "/v1beta/", apiKey: Self.apiKey,
                       client: client, streamIdleTimeout: idle)
    }

    /// A server that answers every request with this JSON.
    func serving(_ json: String, status: Int = 200) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.start { _ in .json(json, status: status) }
    }

    func jsonObject(_ data: Data) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func collect(_ stream: AsyncThrowingStream<ModelStreamEvent, any Error>,
                 deltas: inout [String]) async throws -> ModelResponse? {
        var completed: ModelResponse?
        for try await event in stream {
            switch event {
            case .textDelta(let text): deltas.append(text)
            case .completed(let response): completed = response
            }
        }
        return completed
    }

    /// One `data:` event, ended the way Gemini ends them.
    static func event(_ json: String) -> Data {
        Data("data: \(json)\r\n\r\n".utf8)
    }

    /// The bytes split into pieces of `size`, each written on its own.
    static func pieces(of bytes: Data, size: Int) -> [(delay: Duration, bytes: Data)] {
        stride(from: 0, to: bytes.count, by: size).map { offset in
            (delay: .zero, bytes: Data(bytes[offset..<min(offset + size, bytes.count)]))
        }
    }

    // MARK: - Whole replies

    @Test("a generateContent reply gives its text, finish reason, usage, model and id")
    func decodesReply() async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"text":"Weighing the options.","thought":true},\
            {"text":"The capital of France "},{"text":"is Paris."}],"role":"model"},\
            "finishReason":"STOP","index":0,"safetyRatings":[{"category":\
            "HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]}],\
            "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":7,\
            "totalTokenCount":49,"cachedContentTokenCount":4,"thoughtsTokenCount":30,\
            "promptTokensDetails":[{"modality":"TEXT","tokenCount":12}]},\
            "modelVersion":"gemini-2.5-flash","responseId":"resp-abc"}
            """)
        defer { server.stop() }
        let response = try await provider(server).complete(
            ModelRequest(prompt: "Capital of France?"), model: "gemini-2.5-flash")
        #expect(response.text == "The capital of France is Paris.")
        #expect(response.finishReason == .stop)
        #expect(response.isTruncated == false)
        #expect(response.toolCalls.isEmpty)
        #expect(response.usage == TokenUsage(inputTokens: 12, outputTokens: 37,
                                             cachedInputTokens: 4, reasoningTokens: 30))
        #expect(response.model == "gemini-2.5-flash")
        #expect(response.requestID == "resp-abc")
        #expect(response.latency.map { $0 > .zero } == true)
    }

    @Test("an x-request-id header wins over the responseId; no usageMetadata is no usage")
    func requestIDHeader() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .respond(status: 200, headers: ["Content-Type": "application/json",
                                            "x-request-id": "hdr-9"],
                     body: Data(#"""
                        {"candidates":[{"content":{"parts":[{"text":"ok"}],"role":"model"},\#
                        "finishReason":"STOP"}],"responseId":"resp-1"}
                        """#.utf8))
        }
        defer { server.stop() }
        let response = try await provider(server).complete(ModelRequest(prompt: "x"),
                                                           model: "m")
        #expect(response.requestID == "hdr-9")
        #expect(response.usage == nil)
        #expect(response.text == "ok")
    }

    @Test("MAX_TOKENS is a length finish: the reply is truncated")
    func maxTokens() async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"text":"Once upon a"}],"role":"model"},\
            "finishReason":"MAX_TOKENS"}],"usageMetadata":{"promptTokenCount":3,\
            "candidatesTokenCount":3,"totalTokenCount":6}}
            """)
        defer { server.stop() }
        let response = try await provider(server).complete(
            ModelRequest(prompt: "Tell a story",
                         parameters: ModelParameters(maximumTokens: 3)),
            model: "gemini-2.0-flash")
        #expect(response.finishReason == .length)
        #expect(response.isTruncated)
        #expect(response.text == "Once upon a")
        #expect(response.usage == TokenUsage(inputTokens: 3, outputTokens: 3))
    }

    @Test("Gemini's finish reasons map onto Ember's", arguments: [
        ("STOP", FinishReason.stop),
        ("MAX_TOKENS", .length),
        ("SAFETY", .contentFilter),
        ("RECITATION", .contentFilter),
        ("BLOCKLIST", .contentFilter),
        ("PROHIBITED_CONTENT", .contentFilter),
        ("SPII", .contentFilter),
        ("MALFORMED_FUNCTION_CALL", FinishReason(rawValue: "malformed_function_call")),
        ("OTHER", FinishReason(rawValue: "other")),
    ])
    func finishReasons(name: String, expected: FinishReason) async throws {
        let server = try serving("""
            {"candidates":[{"content":{"role":"model"},"finishReason":"\(name)"}]}
            """)
        defer { server.stop() }
        let response = try await provider(server).complete(ModelRequest(prompt: "x"),
                                                           model: "m")
        #expect(response.finishReason == expected)
        #expect(response.text == nil)
    }

    @Test("functionCall parts become tool calls with JSON arguments and a tool-calls finish")
    func functionCalls() async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather",\
            "args":{"city":"Paris","days":3,"metric":true,"hours":[9,12.5]}}},\
            {"functionCall":{"id":"fc-7","name":"get_time","args":{"zone":"Europe/Paris"}}}],\
            "role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":20,\
            "candidatesTokenCount":11,"totalTokenCount":31}}
            """)
        defer { server.stop() }
        let response = try await provider(server).complete(
            ModelRequest(prompt: "Weather and time in Paris?"), model: "gemini-2.5-flash")
        #expect(response.finishReason == .toolCalls)
        #expect(response.text == nil)
        #expect(response.toolCalls.map(\.name) == ["get_weather", "get_time"])
        #expect(response.toolCalls.map(\.id) == ["call_0", "fc-7"])
        #expect(response.toolCalls.first?.arguments
            == #"{"city":"Paris","days":3,"hours":[9,12.5],"metric":true}"#)
        #expect(response.toolCalls.last?.arguments == #"{"zone":"Europe/Paris"}"#)
        let arguments = try jsonObject(Data(try #require(response.toolCalls.first).arguments.utf8))
        #expect(arguments["city"] as? String == "Paris")
        #expect(arguments["days"] as? Int == 3)
    }

    @Test("a prompt Gemini blocks has no text and a content-filter finish")
    func blockedPrompt() async throws {
        let server = try serving("""
            {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},\
            "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9}}
            """)
        defer { server.stop() }
        let response = try await provider(server).complete(ModelRequest(prompt: "x"),
                                                           model: "m")
        #expect(response.finishReason == .contentFilter)
        #expect(response.text == nil)
        #expect(response.usage == TokenUsage(inputTokens: 9, outputTokens: 0))
    }

    // MARK: - Requests

    @Test("the request posts contents and generationConfig, the key only in x-goog-api-key")
    func requestShape() async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"text":"4"}],"role":"model"},\
            "finishReason":"STOP"}]}
            """)
        defer { server.stop() }
        let request = ModelRequest(
            messages: [.user("2 + 2?"), ChatMessage(role: .assistant, content: "4"),
                       .user("And 2 + 3?")],
            parameters: ModelParameters(temperature: 0, maximumTokens: 8,
                                        stopSequences: ["\n\n"]))
        _ = try await provider(server).complete(request, model: "gemini-2.0-flash")

        let recorded = try #require(server.requests.first)
        #expect(recorded.method == "POST")
        #expect(recorded.path == "/v1beta/models/gemini-2.0-flash:generateContent")
        #expect(recorded.header("x-goog-api-key") == Self.apiKey)
        #expect(recorded.header("content-type") == "application/json")
        #expect(recorded.header("authorization") == nil)
        #expect(!recorded.path.contains(Self.apiKey))
        #expect(!recorded.path.contains("key="))

        let body = try jsonObject(recorded.body)
        let contents = try #require(body["contents"] as? [[String: Any]])
        #expect(contents.map { $0["role"] as? String } == ["user", "model", "user"])
        let texts = contents.map { ($0["parts"] as? [[String: Any]])?.first?["text"] as? String }
        #expect(texts == ["2 + 2?", "4", "And 2 + 3?"])
        #expect(body["systemInstruction"] == nil)
        let configuration = try #require(body["generationConfig"] as? [String: Any])
        #expect(configuration["temperature"] as? Double == 0)
        #expect(configuration["maxOutputTokens"] as? Int == 8)
        #expect(configuration["stopSequences"] as? [String] == ["\n\n"])
        #expect(configuration["topP"] == nil)
        #expect(configuration["seed"] == nil)
        #expect(Set(configuration.keys) == ["temperature", "maxOutputTokens", "stopSequences"])
    }

    @Test("a system message becomes the systemInstruction, not a turn")
    func systemInstruction() async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"text":"Bonjour"}],"role":"model"},\
            "finishReason":"STOP"}]}
            """)
        defer { server.stop() }
        let request = ModelRequest(messages: [.system("Answer in French."), .user("Hello")],
                                   parameters: ModelParameters(topP: 0.9, seed: 42))
        _ = try await provider(server).complete(request, model: "gemini-2.5-flash")

        let body = try jsonObject(try #require(server.requests.first).body)
        let instruction = try #require(body["systemInstruction"] as? [String: Any])
        let parts = try #require(instruction["parts"] as? [[String: Any]])
        #expect(parts.count == 1)
        #expect(parts.first?["text"] as? String == "Answer in French.")
        #expect(instruction["role"] == nil)
        let contents = try #require(body["contents"] as? [[String: Any]])
        #expect(contents.count == 1)
        #expect(contents.first?["role"] as? String == "user")
        let configuration = try #require(body["generationConfig"] as? [String: Any])
        #expect(configuration["topP"] as? Double == 0.9)
        #expect(configuration["seed"] as? Int == 42)
        #expect(configuration["temperature"] == nil)
    }

    @Test("without parameters no generationConfig is sent")
    func noGenerationConfig() async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"text":"hi"}]},"finishReason":"STOP"}]}
            """)
        defer { server.stop() }
        _ = try await provider(server).complete(ModelRequest(prompt: "hi"), model: "m")
        let body = try jsonObject(try #require(server.requests.first).body)
        #expect(body["generationConfig"] == nil)
        #expect(Set(body.keys) == ["contents"])
    }

    @Test("a schema format sets responseMimeType and responseJsonSchema, not responseSchema")
    func jsonSchemaFormat() async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"text":"{\\"verdict\\":\\"ok\\"}"}]},\
            "finishReason":"STOP"}]}
            """)
        defer { server.stop() }
        let format = ResponseFormat.jsonSchema(name: "Verdict", schema: verdictSchema,
                                               isStrict: true)
        let request = ModelRequest(prompt: "Judge.",
                                   parameters: ModelParameters(temperature: 0),
                                   responseFormat: format)
        let response = try await provider(server).complete(request, model: "gemini-2.5-flash")
        #expect(response.text == #"{"verdict":"ok"}"#)

        let body = try JSONValue.body(try #require(server.requests.first).body)
        #expect(body[member: "generationConfig"] == .object([
            "temperature": .integer(0),
            "responseMimeType": .string("application/json"),
            "responseJsonSchema": verdictSchema,
        ]))
    }

    @Test("JSON mode sets only responseMimeType; free text sends no generationConfig",
          arguments: [
        (ResponseFormat?.some(.jsonObject),
         JSONValue.object(["responseMimeType": .string("application/json")])),
        (ResponseFormat?.some(.text), nil),
    ])
    func otherFormats(format: ResponseFormat?, expected: JSONValue?) async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"text":"{}"}]},"finishReason":"STOP"}]}
            """)
        defer { server.stop() }
        _ = try await provider(server).complete(
            ModelRequest(prompt: "x", responseFormat: format), model: "m")
        let body = try JSONValue.body(try #require(server.requests.first).body)
        #expect(body[member: "generationConfig"] == expected)
    }

    @Test("tool calls and their results go back as functionCall and functionResponse parts")
    func toolRoundTrip() async throws {
        let server = try serving("""
            {"candidates":[{"content":{"parts":[{"text":"Sunny, 21 °C."}],"role":"model"},\
            "finishReason":"STOP"}]}
            """)
        defer { server.stop() }
        let call = ToolCall(id: "call_0", name: "get_weather", arguments: #"{"city":"Paris"}"#)
        let request = ModelRequest(messages: [
            .user("Weather in Paris?"),
            ChatMessage(role: .assistant, content: nil, toolCalls: [call]),
            .toolResult(#"{"sky":"sunny","celsius":21}"#, callID: "call_0"),
        ])
        let response = try await provider(server).complete(request, model: "m")
        #expect(response.text == "Sunny, 21 °C.")

        let body = try jsonObject(try #require(server.requests.first).body)
        let contents = try #require(body["contents"] as? [[String: Any]])
        #expect(contents.map { $0["role"] as? String } == ["user", "model", "user"])
        let modelPart = try #require((contents[1]["parts"] as? [[String: Any]])?.first)
        let functionCall = try #require(modelPart["functionCall"] as? [String: Any])
        #expect(functionCall["name"] as? String == "get_weather")
        #expect((functionCall["args"] as? [String: String]) == ["city": "Paris"])
        let resultPart = try #require((contents[2]["parts"] as? [[String: Any]])?.first)
        let functionResponse = try #require(resultPart["functionResponse"] as? [String: Any])
        #expect(functionResponse["name"] as? String == "get_weather")
        let result = try #require(functionResponse["response"] as? [String: Any])
        #expect(result["sky"] as? String == "sunny")
        #expect(result["celsius"] as? Int == 21)
    }

    // MARK: - Errors

    @Test("a 429 RESOURCE_EXHAUSTED with RetryInfo 3s is rate limited, retry after 3 s")
    func rateLimited() async throws {
        let server = try serving("""
            {"error":{"code":429,"message":"You exceeded your current quota, please check \
            your plan and billing details.","status":"RESOURCE_EXHAUSTED","details":[\
            {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[\
            {"quotaMetric":"generativelanguage.googleapis.com/generate_content_requests",\
            "quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},\
            {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more",\
            "url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},\
            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3s"}]}}
            """, status: 429)
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            try await provider(server).complete(ModelRequest(prompt: "x"),
                                                model: "gemini-2.5-flash")
        }
        #expect(error?.kind == .rateLimited)
        #expect(error?.status == 429)
        #expect(error?.retryAfter == .seconds(3))
        #expect(error?.providerType == "RESOURCE_EXHAUSTED")
        #expect(error?.isRetryable == true)
        #expect(error?.detail.hasPrefix("You exceeded your current quota") == true)
        #expect(error?.subject.hasSuffix("/v1beta/models/gemini-2.5-flash:generateContent")
            == true)
        #expect(error?.description.contains(Self.apiKey) == false)
    }

    @Test("a Retry-After header wins over the RetryInfo detail")
    func retryAfterHeader() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .respond(status: 429, headers: ["Retry-After": "7"], body: Data(#"""
                {"error":{"code":429,"message":"Slow down","status":"RESOURCE_EXHAUSTED",\#
                "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo",\#
                "retryDelay":"1.5s"}]}}
                """#.utf8))
        }
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            try await provider(server).complete(ModelRequest(prompt: "x"), model: "m")
        }
        #expect(error?.retryAfter == .seconds(7))
        #expect(error?.kind == .rateLimited)
    }

    @Test("a 400 INVALID_ARGUMENT is an invalid request that no retry will fix")
    func invalidArgument() async throws {
        let server = try serving("""
            {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",\
            "status":"INVALID_ARGUMENT"}}
            """, status: 400)
        defer { server.stop() }
        let error = await #expect(throws: ModelError.self) {
            try await provider(server).complete(ModelRequest(prompt: "x"), model: "m")
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.providerType == "INVALID_ARGUMENT")
        #expect(error?.retryAfter == nil)
        #expect(error?.isRetryable == false)
        #expect(error?.detail == "API key not valid. Please pass a valid API key.")
    }

    // MARK: - Streams

    @Test("a stream split into 7-byte pieces yields every delta; usage is the last count")
    func streamedReply() async throws {
        let bytes = Self.event("""
            {"candidates":[{"content":{"parts":[{"text":"Hé"}],"role":"model"},"index":0}],\
            "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":1,\
            "totalTokenCount":6},"modelVersion":"gemini-2.5-flash","responseId":"r-1"}
            """) + Self.event("""
            {"candidates":[{"content":{"parts":[{"text":"llo"}],"role":"model"},"index":0}],\
            "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,\
            "totalTokenCount":7},"modelVersion":"gemini-2.5-flash","responseId":"r-1"}
            """) + Self.event("""
            {"candidates":[{"content":{"parts":[{"text":" world"}],"role":"model"},\
            "finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":5,\
            "candidatesTokenCount":3,"totalTokenCount":12,"thoughtsTokenCount":4},\
            "modelVersion":"gemini-2.5-flash","responseId":"r-1"}
            """)
        let server = try LoopbackHTTPServer.start { _ in
            .stream(headers: ["Content-Type": "text/event-stream"],
                    chunks: Self.pieces(of: bytes, size: 7))
        }
        defer { server.stop() }
        var deltas: [String] = []
        let response = try await collect(
            provider(server).stream(ModelRequest(prompt: "hi"), model: "gemini-2.5-flash"),
            deltas: &deltas)
        #expect(deltas == ["Hé", "llo", " world"])
        #expect(response?.text == "Héllo world")
        #expect(response?.finishReason == .stop)
        #expect(response?.usage == TokenUsage(inputTokens: 5, outputTokens: 7,
                                              reasoningTokens: 4))
        #expect(response?.model == "gemini-2.5-flash")
        #expect(response?.requestID == "r-1")
        #expect(response?.latency.map { $0 > .zero } == true)

        let recorded = try #require(server.requests.first)
        #expect(recorded.path
            == "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
        #expect(recorded.header("x-goog-api-key") == Self.apiKey)
        #expect(recorded.header("accept") == "text/event-stream")
        let contents = try #require(try jsonObject(recorded.body)["contents"] as? [[String: Any]])
        #expect(contents.first?["role"] as? String == "user")
    }

    @Test("a streamed function call gives tool calls and a tool-calls finish")
    func streamedFunctionCall() async throws {
        let bytes = Self.event("""
            {"candidates":[{"content":{"parts":[{"functionCall":{"name":"lookup",\
            "args":{"query":"swift"}}}],"role":"model"},"finishReason":"STOP"}],\
            "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":5}}
            """)
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, bytes)])
        }
        defer { server.stop() }
        var deltas: [String] = []
        let response = try await collect(
            provider(server).stream(ModelRequest(prompt: "x"), model: "m"), deltas: &deltas)
        #expect(deltas.isEmpty)
        #expect(response?.text == nil)
        #expect(response?.finishReason == .toolCalls)
        #expect(response?.toolCalls == [ToolCall(id: "call_0", name: "lookup",
                                                 arguments: #"{"query":"swift"}"#)])
        #expect(response?.usage == TokenUsage(inputTokens: 8, outputTokens: 5))
    }

    @Test("a stream that ends without a finish reason is truncated, keeping its text")
    func truncatedStream() async throws {
        let bytes = Self.event("""
            {"candidates":[{"content":{"parts":[{"text":"The answer"}],"role":"model"}}],\
            "usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":2}}
            """) + Self.event("""
            {"candidates":[{"content":{"parts":[{"text":" is"}],"role":"model"}}]}
            """)
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: Self.pieces(of: bytes, size: 11))
        }
        defer { server.stop() }
        var deltas: [String] = []
        let error = await #expect(throws: ModelError.self) {
            _ = try await collect(provider(server).stream(ModelRequest(prompt: "x"),
                                                          model: "m"),
                                  deltas: &deltas)
        }
        #expect(error?.kind == .truncatedStream)
        #expect(error?.isRetryable == true)
        #expect(error?.partialText == "The answer is")
        #expect(deltas == ["The answer", " is"])
    }

    @Test("an error object inside the stream is a stream error keeping the text")
    func errorInStream() async throws {
        let bytes = Self.event("""
            {"candidates":[{"content":{"parts":[{"text":"Partial"}],"role":"model"}}]}
            """) + Self.event("""
            {"error":{"code":503,"message":"The model is overloaded. Please try again later.",\
            "status":"UNAVAILABLE"}}
            """)
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, bytes)])
        }
        defer { server.stop() }
        var deltas: [String] = []
        let error = await #expect(throws: ModelError.self) {
            _ = try await collect(provider(server).stream(ModelRequest(prompt: "x"),
                                                          model: "m"),
                                  deltas: &deltas)
        }
        #expect(error?.kind == .serverError)
        #expect(error?.providerType == "UNAVAILABLE")
        #expect(error?.partialText == "Partial")
        #expect(error?.detail == "The model is overloaded. Please try again later.")
        #expect(deltas == ["Partial"])
    }

    @Test("a stream silent past the idle timeout is a timeout keeping 'par'")
    func idleTimeout() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Self.event("""
                {"candidates":[{"content":{"parts":[{"text":"par"}],"role":"model"}}]}
                """))], stall: .seconds(600))
        }
        defer { server.stop() }
        var deltas: [String] = []
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: ModelError.self) {
            _ = try await collect(
                provider(server, idle: .milliseconds(500)).stream(ModelRequest(prompt: "x"),
                                                                  model: "m"),
                deltas: &deltas)
        }
        // The server holds the stream ten minutes: only the idle timeout ends it this soon,
        // however loaded the machine is.
        #expect(clock.now - start < .seconds(60))
        #expect(error?.kind == .timeout)
        #expect(error?.isRetryable == true)
        #expect(error?.partialText == "par")
        #expect(deltas == ["par"])
    }

    @Test("an error status on a stream request carries the status and the RetryInfo wait")
    func streamErrorStatus() async throws {
        let server = try serving("""
            {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED",\
            "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo",\
            "retryDelay":"0.250s"}]}}
            """, status: 429)
        defer { server.stop() }
        var deltas: [String] = []
        let error = await #expect(throws: ModelError.self) {
            _ = try await collect(provider(server).stream(ModelRequest(prompt: "x"),
                                                          model: "m"),
                                  deltas: &deltas)
        }
        #expect(error?.kind == .rateLimited)
        #expect(error?.retryAfter == .milliseconds(250))
        #expect(error?.providerType == "RESOURCE_EXHAUSTED")
        #expect(deltas.isEmpty)
    }
}
