import EmberModels
import Testing

@Suite("Response cache keys")
struct ResponseCacheKeyTests {
    static let model = ModelID(provider: "openai", model: "gpt-4o-mini")

    static let base: ModelRequest = {
        var request = ModelRequest(
            messages: [.system("Be brief."), .user("What is 12*7?")],
            parameters: ModelParameters(temperature: 0.7, maximumTokens: 64, topP: 0.9,
                                        seed: 3, stopSequences: ["\n\n"]),
            responseFormat: .jsonSchema(name: "Answer",
                                        schema: .object(["type": .string("object")]),
                                        isStrict: true))
        request.sampleIndex = 2
        return request
    }()

    static func key(_ request: ModelRequest, model: ModelID = model) -> String {
        ResponseCacheKey(request: request, model: model).digest
    }

    @Test("the same request has the same key, built afresh")
    func sameRequest() {
        var copy = ModelRequest(messages: Self.base.messages, parameters: Self.base.parameters,
                                responseFormat: Self.base.responseFormat)
        copy.sampleIndex = 2
        #expect(Self.key(copy) == Self.key(Self.base))
        #expect(Self.key(Self.base).count == 64)
    }

    @Test("schema members in another order give the same key")
    func schemaMemberOrder() {
        let first: JSONValue = .object(["a": .integer(1), "b": .string("x")])
        let second = JSONValue.parsing(#"{"b":"x","a":1}"#)!
        var one = Self.base
        one.responseFormat = .jsonSchema(name: "S", schema: first, isStrict: false)
        var two = Self.base
        two.responseFormat = .jsonSchema(name: "S", schema: second, isStrict: false)
        #expect(Self.key(one) == Self.key(two))
    }

    /// One change to each part of a request, with a name for the failure message.
    static let changes: [(String, @Sendable (inout ModelRequest) -> Void)] = [
        ("temperature", { $0.parameters.temperature = 0.8 }),
        ("temperature unset", { $0.parameters.temperature = nil }),
        ("temperature 0 vs unset", { $0.parameters.temperature = 0 }),
        ("maximum tokens", { $0.parameters.maximumTokens = 65 }),
        ("top-p", { $0.parameters.topP = 0.95 }),
        ("seed", { $0.parameters.seed = 4 }),
        ("seed unset", { $0.parameters.seed = nil }),
        ("stop sequences", { $0.parameters.stopSequences = ["\n"] }),
        ("stop sequences split", { $0.parameters.stopSequences = ["\n", "\n"] }),
        ("message content", { $0.messages[1].content = "What is 12*8?" }),
        ("message role", { $0.messages[0].role = .user }),
        ("message removed", { $0.messages.removeFirst() }),
        ("message order", { $0.messages.reverse() }),
        ("content nil", { $0.messages[0].content = nil }),
        ("tool calls", {
            $0.messages.append(ChatMessage(role: .assistant, content: nil, toolCalls: [
                ToolCall(id: "call_1", name: "add", arguments: #"{"a":1}"#),
            ]))
        }),
        ("tool call id", { $0.messages[1].toolCallID = "call_1" }),
        ("response format", { $0.responseFormat = .jsonObject }),
        ("response format unset", { $0.responseFormat = nil }),
        ("response format text", { $0.responseFormat = .text }),
        ("schema", {
            $0.responseFormat = .jsonSchema(name: "Answer",
                                            schema: .object(["type": .string("array")]),
                                            isStrict: true)
        }),
        ("schema name", {
            $0.responseFormat = .jsonSchema(name: "Reply",
                                            schema: .object(["type": .string("object")]),
                                            isStrict: true)
        }),
        ("schema strictness", {
            $0.responseFormat = .jsonSchema(name: "Answer",
                                            schema: .object(["type": .string("object")]),
                                            isStrict: false)
        }),
        ("sample index", { $0.sampleIndex = 3 }),
        ("sample index unset", { $0.sampleIndex = nil }),
    ]

    @Test("each parameter, message, schema and the sample index changes the key",
          arguments: changes.indices)
    func eachPartChangesTheKey(index: Int) {
        let (name, change) = Self.changes[index]
        var changed = Self.base
        change(&changed)
        #expect(Self.key(changed) != Self.key(Self.base), "\(name) did not change the key")
    }

    @Test("every change gives a key of its own")
    func changesAreDistinct() {
        let keys = Self.changes.map { _, change in
            var changed = Self.base
            change(&changed)
            return Self.key(changed)
        }
        #expect(Set(keys + [Self.key(Self.base)]).count == keys.count + 1)
    }

    @Test("the provider and the model are part of the key")
    func providerAndModel() {
        let other = [ModelID(provider: "openai", model: "gpt-4o"),
                     ModelID(provider: "openai-responses", model: "gpt-4o-mini")]
        for model in other {
            #expect(Self.key(Self.base, model: model) != Self.key(Self.base))
        }
    }

    @Test("text that looks like the encoding's punctuation cannot make two requests collide")
    func punctuationInText() {
        let one = ModelRequest(messages: [.user(#"a","role":"user"#)])
        let two = ModelRequest(messages: [.user("a"), .user("")])
        #expect(Self.key(one) != Self.key(two))
        let three = ModelRequest(messages: [.user("a\u{1}")])
        let four = ModelRequest(messages: [.user("a\\u0001")])
        #expect(Self.key(three) != Self.key(four))
    }

    @Test("the encoding names its format version")
    func formatVersion() {
        let key = ResponseCacheKey(request: Self.base, model: Self.model)
        #expect(key.canonicalText.contains(#""version":\#(ResponseCacheKey.formatVersion)"#))
    }

    /// A field added to ModelRequest or ModelParameters must be added to the key too: this
    /// test lists the fields the key encodes, and fails when the types gain another.
    @Test("the key covers every stored field of the request")
    func coversEveryField() {
        let requestFields = Mirror(reflecting: Self.base).children.compactMap(\.label)
        #expect(requestFields == ["messages", "parameters", "responseFormat", "sampleIndex"])
        let parameterFields = Mirror(reflecting: Self.base.parameters).children
            .compactMap(\.label)
        #expect(parameterFields == ["temperature", "maximumTokens", "topP", "seed",
                                    "stopSequences"])
        let messageFields = Mirror(reflecting: Self.base.messages[0]).children
            .compactMap(\.label)
        #expect(messageFields == ["role", "content", "toolCalls", "toolCallID",
                                  "providerTurn"])
    }

    @Test("a kept provider turn is part of the key; a message without one encodes as before")
    func providerTurn() {
        let turn = ProviderTurn(format: .gemini, content: .array([
            .object(["text": .string("hi"), "thoughtSignature": .string("c2ln")]),
        ]))
        let plain = ModelRequest(messages: [.user("q"), ChatMessage(role: .assistant,
                                                                    content: "hi")])
        var signed = plain
        signed.messages[1].providerTurn = turn
        #expect(Self.key(plain) != Self.key(signed))
        #expect(!ResponseCacheKey(request: plain, model: Self.model).canonicalText
                    .contains("provider_turn"))
    }
}
