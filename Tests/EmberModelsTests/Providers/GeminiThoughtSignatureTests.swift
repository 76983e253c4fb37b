import EmberTestSupport
import Foundation
import Testing
@testable import EmberModels

@Suite("Gemini thought signatures and context overflow", .timeLimit(.minutes(1)))
struct GeminiThoughtSignatureTests {
    static let baseURL = "http://gemini.invalid/v1beta"

    /// Two parallel function calls; Gemini 3 signs only the first.
    static let parallelCallParts = """
        [{"functionCall":{"name":"calculator","args":{"expr":"12*7"}},\
        "thoughtSignature":"Q2lnAVR5c2lnLWE="},\
        {"functionCall":{"name":"lookup","args":{"term":"seven"}}}]
        """

    static func reply(parts: String, finishReason: String = "STOP") -> String {
        #"{"candidates":[{"content":{"role":"model","parts":\#(parts)},"#
            + #""finishReason":"\#(finishReason)"}],"modelVersion":"gemini-3-pro"}"#
    }

    /// A stream chunk without a finish reason.
    static func chunk(parts: String) -> String {
        #"{"candidates":[{"content":{"role":"model","parts":\#(parts)}}]}"#
    }

    static func event(_ json: String) -> Data { Data("data: \(json)\r\n\r\n".utf8) }

    /// A provider over a transport that answers every request with `answer`.
    func provider(answering answer: ScriptedResponse)
        -> (GeminiProvider, ScriptedHTTPTransport)
    {
        let transport = ScriptedHTTPTransport { _ in answer }
        return (GeminiProvider(baseURL: Self.baseURL, apiKey: "AIza-k", client: transport),
                transport)
    }

    /// The `contents` of the request body the transport received last.
    func sentContents(_ transport: ScriptedHTTPTransport) throws -> [JSONValue] {
        let body = try JSONValue.body(try #require(transport.requests.last).body)
        guard case .array(let contents)? = body[member: "contents"] else {
            Issue.record("the request has no contents array")
            return []
        }
        return contents
    }

    /// The conversation after `response`: the user's question, the model's turn, and the
    /// result of each of its tool calls.
    func nextTurn(after response: ModelResponse) -> ModelRequest {
        let results = response.toolCalls.map { ChatMessage.toolResult("84", callID: $0.id) }
        return ModelRequest(messages: [.user("What is 12*7?"), .assistant(response)] + results)
    }

    @Test("signed function-call parts are kept and sent back unchanged on the next turn")
    func functionCallsRoundTrip() async throws {
        let (provider, transport) = provider(
            answering: .json(Self.reply(parts: Self.parallelCallParts)))
        let response = try await provider.complete(ModelRequest(prompt: "What is 12*7?"),
                                                   model: "gemini-3-pro")
        let received = try JSONValue.body(Data(Self.parallelCallParts.utf8))
        #expect(response.toolCalls.map(\.name) == ["calculator", "lookup"])
        #expect(response.finishReason == .toolCalls)
        #expect(response.providerTurn == ProviderTurn(format: .gemini, content: received))

        _ = try await provider.complete(nextTurn(after: response), model: "gemini-3-pro")
        let contents = try sentContents(transport)
        #expect(contents.count == 3)
        #expect(contents[1] == .object(["role": .string("model"), "parts": received]))
        guard case .array(let parts)? = contents[1][member: "parts"] else { return }
        #expect(parts.first?[member: "thoughtSignature"] == .string("Q2lnAVR5c2lnLWE="))
        #expect(parts.last?[member: "thoughtSignature"] == nil)
        let results = contents[2][member: "parts"]
        #expect(results == .array([
            .object(["functionResponse": .object([
                "name": .string("calculator"), "response": .object(["result": .integer(84)]),
            ])]),
            .object(["functionResponse": .object([
                "name": .string("lookup"), "response": .object(["result": .integer(84)]),
            ])]),
        ]))
    }

    @Test("a reply with no signature keeps no provider turn; the next turn is rebuilt")
    func unsignedReply() async throws {
        let (provider, transport) = provider(
            answering: .json(Self.reply(parts: #"[{"text":"84"}]"#)))
        let response = try await provider.complete(ModelRequest(prompt: "What is 12*7?"),
                                                   model: "gemini-2.0-flash")
        #expect(response.providerTurn == nil)
        _ = try await provider.complete(nextTurn(after: response), model: "gemini-2.0-flash")
        let contents = try sentContents(transport)
        #expect(contents[1] == .object([
            "role": .string("model"), "parts": .array([.object(["text": .string("84")])]),
        ]))
    }

    @Test("a turn kept from another provider's format is not sent to Gemini")
    func foreignTurn() async throws {
        let (provider, transport) = provider(
            answering: .json(Self.reply(parts: #"[{"text":"ok"}]"#)))
        let foreign = ProviderTurn(format: ProviderTurn.Format(rawValue: "other"),
                                   content: .array([.object(["opaque": .string("x")])]))
        let request = ModelRequest(messages: [
            .user("hi"), ChatMessage(role: .assistant, content: "hello", providerTurn: foreign),
            .user("again"),
        ])
        _ = try await provider.complete(request, model: "gemini-x")
        let contents = try sentContents(transport)
        #expect(contents[1][member: "parts"] == .array([.object(["text": .string("hello")])]))
    }

    @Test("a stream's text parts are joined, its closing signature kept, and sent back")
    func streamedSignature() async throws {
        let chunks = [
            Self.event(Self.chunk(parts: #"[{"text":"Twelve times seven ","thought":true}]"#)),
            Self.event(Self.chunk(parts: #"[{"text":"is "}]"#)),
            Self.event(Self.chunk(parts: #"[{"text":"84."}]"#)),
            Self.event(Self.reply(parts: #"[{"text":"","thoughtSignature":"c2lnLXQ="}]"#)),
        ]
        let transport = ScriptedHTTPTransport { request in
            request.path.contains(":streamGenerateContent")
                ? .stream(chunks: chunks.map { (.zero, $0) })
                : .json(Self.reply(parts: #"[{"text":"done"}]"#))
        }
        let provider = GeminiProvider(baseURL: Self.baseURL, apiKey: "AIza-k", client: transport)
        var completed: ModelResponse?
        for try await event in provider.stream(ModelRequest(prompt: "12*7?"), model: "gemini-3") {
            if case .completed(let response) = event { completed = response }
        }
        let response = try #require(completed)
        #expect(response.text == "is 84.")
        #expect(response.providerTurn?.content == .array([
            .object(["text": .string("Twelve times seven "), "thought": .bool(true)]),
            .object(["text": .string("is 84."), "thoughtSignature": .string("c2lnLXQ=")]),
        ]))

        _ = try await provider.complete(nextTurn(after: response), model: "gemini-3")
        let contents = try sentContents(transport)
        #expect(contents[1][member: "parts"] == response.providerTurn?.content)
    }

    @Test("a streamed signed function call is kept whole, its signature on its own part")
    func streamedFunctionCall() async throws {
        let call = #"[{"functionCall":{"name":"calculator","args":{"expr":"12*7"}},"#
            + #""thoughtSignature":"c2lnLWY="}]"#
        let (provider, _) = provider(answering: .stream(chunks: [
            (.zero, Self.event(Self.reply(parts: call))),
        ]))
        var completed: ModelResponse?
        for try await event in provider.stream(ModelRequest(prompt: "12*7?"), model: "gemini-3") {
            if case .completed(let response) = event { completed = response }
        }
        #expect(completed?.toolCalls.map(\.name) == ["calculator"])
        #expect(completed?.providerTurn?.content == (try JSONValue.body(Data(call.utf8))))
    }

    @Test("a cached response keeps its provider turn")
    func cacheStorage() throws {
        let turn = ProviderTurn(format: .gemini, content: .array([
            .object(["text": .string("84"), "thoughtSignature": .string("c2ln")]),
        ]))
        let response = ModelResponse(text: "84", finishReason: .stop, usage: nil,
                                     providerTurn: turn)
        let stored = ResponseCache.Stored(response: response, cost: nil)
        let text = try stored.encodedResponse()
        let model = ModelID(provider: "g", model: "m")
        let key = ResponseCacheKey(request: ModelRequest(prompt: "x"), model: model)
        let decoded = try ResponseCache.Stored.decode(text, model: model, key: key,
                                                      path: "memory")
        #expect(decoded.providerTurn == turn)
    }

    // MARK: - Context overflow

    @Test("a 400 INVALID_ARGUMENT: input token count over the maximum is context length exceeded")
    func contextOverflow() async throws {
        let (provider, _) = provider(answering: .json("""
            {"error":{"code":400,"message":"The input token count (1205432) exceeds the \
            maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}
            """, status: 400))
        let error = await #expect(throws: ModelError.self) {
            try await provider.complete(ModelRequest(prompt: "long"), model: "gemini-2.5-pro")
        }
        #expect(error?.kind == .contextLengthExceeded)
        #expect(error?.status == 400)
        #expect(error?.providerType == "INVALID_ARGUMENT")
        #expect(error?.isRetryable == false)
        #expect(error?.description.contains("1048576") == true)
    }

    @Test("another 400 INVALID_ARGUMENT stays an invalid request")
    func otherInvalidArgument() async throws {
        let (provider, _) = provider(answering: .json("""
            {"error":{"code":400,"message":"Function call is missing a thought_signature in \
            functionCall parts.","status":"INVALID_ARGUMENT"}}
            """, status: 400))
        let error = await #expect(throws: ModelError.self) {
            try await provider.complete(ModelRequest(prompt: "x"), model: "gemini-3-pro")
        }
        #expect(error?.kind == .invalidRequest)
    }
}
