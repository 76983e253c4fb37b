import Foundation

/// One turn of a Gemini conversation, or a system instruction (which has no role).
struct GeminiContent: Codable {
    /// `user` or `model`; `nil` in a system instruction.
    var role: String?
    var parts: [GeminiPart]

    init(role: String?, parts: [GeminiPart]) {
        self.role = role
        self.parts = parts
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decodeIfPresent(String.self, forKey: .role)
        // A candidate the safety filter stopped may come with a content of no parts.
        parts = try container.decodeIfPresent([GeminiPart].self, forKey: .parts) ?? []
    }
}

/// One part of a turn: text, a function call, or a function's result; or, sent back, a
/// part of an earlier reply exactly as it came.
struct GeminiPart: Codable {
    var text: String?
    /// Whether the text is a summary of the model's reasoning rather than its answer.
    var thought: Bool?
    var functionCall: GeminiFunctionCall?
    var functionResponse: GeminiFunctionResponse?
    /// The opaque signature of the model's reasoning that a thinking model attaches to a
    /// part, to be sent back on that same part in the next request.
    var thoughtSignature: String?
    /// A part of an earlier reply, sent back as it is in place of the fields above.
    private(set) var verbatim: JSONValue?

    private enum CodingKeys: String, CodingKey {
        case text, thought, functionCall, functionResponse, thoughtSignature
    }

    init(text: String? = nil, functionCall: GeminiFunctionCall? = nil,
         functionResponse: GeminiFunctionResponse? = nil) {
        self.text = text
        self.functionCall = functionCall
        self.functionResponse = functionResponse
    }

    /// A part of an earlier reply, to send back unchanged.
    init(verbatim: JSONValue) {
        self.verbatim = verbatim
    }

    func encode(to encoder: any Encoder) throws {
        if let verbatim {
            try verbatim.encode(to: encoder)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(text, forKey: .text)
        try container.encodeIfPresent(thought, forKey: .thought)
        try container.encodeIfPresent(functionCall, forKey: .functionCall)
        try container.encodeIfPresent(functionResponse, forKey: .functionResponse)
        try container.encodeIfPresent(thoughtSignature, forKey: .thoughtSignature)
    }

    /// The text of the answer this part carries, or `nil` for other parts and thoughts.
    var answerText: String? { thought == true ? nil : text }
}

/// A function call, as the model writes it and as a later request repeats it.
struct GeminiFunctionCall: Codable {
    /// The call's id; recent models set it, older ones do not.
    var id: String?
    var name: String
    var args: JSONValue?

    init(_ call: ToolCall) {
        name = call.name
        // The arguments came from a model as a JSON object; anything else is sent as none.
        if case .object(let fields) = JSONValue.parsing(call.arguments) {
            args = .object(fields)
        } else {
            args = .object([:])
        }
    }

    /// The call as a ``ToolCall``; `ordinal` numbers the id of a call that came without one.
    func toolCall(ordinal: Int) -> ToolCall {
        ToolCall(id: id ?? "call_\(ordinal)", name: name,
                 arguments: (args ?? .object([:])).jsonText)
    }
}

/// The result of a function call, sent back to the model.
struct GeminiFunctionResponse: Codable {
    var name: String
    /// A JSON object: the tool's result if it was one, else `{"result": …}` around it.
    var response: JSONValue

    init(name: String, content: String) {
        self.name = name
        switch JSONValue.parsing(content) {
        case .object(let fields)?: response = .object(fields)
        case let value?: response = .object(["result": value])
        case nil: response = .object(["result": .string(content)])
        }
    }
}

/// The sampling settings and output format of a request; a setting left `nil` is not sent.
struct GeminiGenerationConfig: Encodable {
    var temperature: Double?
    var maxOutputTokens: Int?
    var topP: Double?
    var seed: Int?
    var stopSequences: [String]?
    /// `application/json` when the reply must be JSON.
    var responseMimeType: String?
    /// A JSON Schema the reply must fit; Gemini requires `responseMimeType` with it.
    var responseJsonSchema: JSONValue?

    /// The settings of a request, or `nil` when none is set.
    ///
    /// A schema goes in `responseJsonSchema`, which takes JSON Schema as it is, rather than
    /// `responseSchema`, which takes Google's OpenAPI subset; Gemini accepts one or the other.
    /// Gemini has no strict switch, so ``ResponseFormat/isStrict`` is not sent.
    init?(_ request: ModelRequest) {
        let parameters = request.parameters
        temperature = parameters.temperature
        maxOutputTokens = parameters.maximumTokens
        topP = parameters.topP
        seed = parameters.seed
        stopSequences = parameters.stopSequences.isEmpty ? nil : parameters.stopSequences
        if let format = request.responseFormat, format.isJSON {
            responseMimeType = "application/json"
            responseJsonSchema = format.schema
        }
        let isEmpty = temperature == nil && maxOutputTokens == nil && topP == nil
            && seed == nil && stopSequences == nil && responseMimeType == nil
        if isEmpty { return nil }
    }
}

/// The body of a `generateContent` or `streamGenerateContent` request.
struct GeminiRequestBody: Encodable {
    var contents: [GeminiContent]
    var systemInstruction: GeminiContent?
    var generationConfig: GeminiGenerationConfig?

    /// Translates a request.
    ///
    /// System messages, wherever they stand, become the system instruction, one part each.
    /// Assistant turns become `model` turns, their tool calls `functionCall` parts; an
    /// assistant turn that kept Gemini's own parts (``ProviderTurn/Format/gemini``) sends
    /// those instead, unchanged, so that their thought signatures go back as they came. Tool
    /// results become `functionResponse` parts of a `user` turn, consecutive ones in one
    /// turn, named after the call they answer. A message with nothing to send is left out.
    init(_ request: ModelRequest) {
        var instruction: [GeminiPart] = []
        var contents: [GeminiContent] = []
        var functionNames: [String: String] = [:]
        for message in request.messages {
            switch message.role {
            case .system:
                if let text = message.content { instruction.append(GeminiPart(text: text)) }
            case .tool:
                let callID = message.toolCallID ?? ""
                let part = GeminiPart(functionResponse: GeminiFunctionResponse(
                    name: functionNames[callID] ?? callID, content: message.content ?? ""))
                if let last = contents.last, last.role == "user",
                   last.parts.allSatisfy({ $0.functionResponse != nil }) {
                    contents[contents.count - 1].parts.append(part)
                } else {
                    contents.append(GeminiContent(role: "user", parts: [part]))
                }
            default:
                var parts = message.content.map { [GeminiPart(text: $0)] } ?? []
                for call in message.toolCalls {
                    functionNames[call.id] = call.name
                    parts.append(GeminiPart(functionCall: GeminiFunctionCall(call)))
                }
                if message.role == .assistant, let replayed = Self.replayedParts(of: message) {
                    parts = replayed
                }
                guard !parts.isEmpty else { continue }
                let role = message.role == .assistant ? "model" : "user"
                contents.append(GeminiContent(role: role, parts: parts))
            }
        }
        self.contents = contents
        systemInstruction = instruction.isEmpty
            ? nil : GeminiContent(role: nil, parts: instruction)
        generationConfig = GeminiGenerationConfig(request)
    }

    /// The parts of an earlier Gemini reply an assistant message kept, or `nil` when it
    /// kept none (or kept another provider's turn).
    private static func replayedParts(of message: ChatMessage) -> [GeminiPart]? {
        guard let turn = message.providerTurn, turn.format == .gemini,
              case .array(let parts) = turn.content, !parts.isEmpty
        else { return nil }
        return parts.map(GeminiPart.init(verbatim:))
    }
}

/// Token counts as Gemini reports them in `usageMetadata`.
struct GeminiUsageMetadata: Decodable {
    var promptTokenCount: Int?
    var candidatesTokenCount: Int?
    var cachedContentTokenCount: Int?
    var thoughtsTokenCount: Int?

    /// The normalised usage. `promptTokenCount` already includes the cached tokens; the
    /// thinking tokens are counted apart by Gemini and added into the output here. A count
    /// Gemini leaves out (it omits `candidatesTokenCount` when nothing was generated) is 0.
    var tokenUsage: TokenUsage {
        TokenUsage(inputTokens: promptTokenCount ?? 0,
                   outputTokens: (candidatesTokenCount ?? 0) + (thoughtsTokenCount ?? 0),
                   cachedInputTokens: cachedContentTokenCount,
                   reasoningTokens: thoughtsTokenCount)
    }
}

/// A `GenerateContentResponse`: a whole reply, or one chunk of a streamed one.
struct GeminiResponseBody: Decodable {
    struct Candidate: Decodable {
        var content: GeminiContent?
        var finishReason: String?
        /// The content's parts as they arrived, every field kept, to be sent back.
        var rawParts: [JSONValue]

        private enum CodingKeys: String, CodingKey {
            case content, finishReason
        }

        private enum ContentKeys: String, CodingKey {
            case parts
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            content = try container.decodeIfPresent(GeminiContent.self, forKey: .content)
            finishReason = try container.decodeIfPresent(String.self, forKey: .finishReason)
            let raw = try? container.nestedContainer(keyedBy: ContentKeys.self, forKey: .content)
            rawParts = (try? raw?.decodeIfPresent([JSONValue].self, forKey: .parts)) ?? []
        }
    }

    struct PromptFeedback: Decodable {
        /// Why the prompt itself was refused; then there are no candidates.
        var blockReason: String?
    }

    var candidates: [Candidate]?
    var promptFeedback: PromptFeedback?
    var usageMetadata: GeminiUsageMetadata?
    var modelVersion: String?
    var responseId: String?
    /// An error reported inside a stream.
    var error: GeminiErrorDetail?
}

/// The error object of Google APIs:
/// `{"code": 429, "message": "…", "status": "RESOURCE_EXHAUSTED", "details": […]}`.
struct GeminiErrorDetail: Decodable {
    /// One entry of `details`; only a `google.rpc.RetryInfo` entry is read.
    struct Detail: Decodable {
        var type: String?
        var retryDelay: String?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case retryDelay
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            retryDelay = try? container.decodeIfPresent(String.self, forKey: .retryDelay)
        }
    }

    var code: Int?
    var message: String?
    /// The canonical status name, such as `RESOURCE_EXHAUSTED` or `INVALID_ARGUMENT`.
    var status: String?
    var details: [Detail]?

    /// The wait a `RetryInfo` detail asks for, or `nil` when there is none it could mean.
    var retryDelay: Duration? {
        let info = details?.first { $0.type?.hasSuffix("google.rpc.RetryInfo") == true }
        return info?.retryDelay.flatMap(Self.duration(parsing:))
    }

    /// Reads an error body: `{"error": {…}}`, or the same inside an array, as streaming
    /// endpoints send it.
    static func decoding(_ body: Data) -> Self? {
        struct Envelope: Decodable {
            var error: GeminiErrorDetail?
        }
        let decoder = JSONDecoder()
        if let envelope = try? decoder.decode(Envelope.self, from: body) { return envelope.error }
        return (try? decoder.decode([Envelope].self, from: body))?.first?.error
    }

    /// Parses a protobuf JSON duration: seconds with an `s` suffix, such as `3s` or `0.5s`.
    static func duration(parsing text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("s"), let seconds = Double(trimmed.dropLast()),
              seconds >= 0, seconds.isFinite
        else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

extension FinishReason {
    /// Gemini's names for a stop by a content filter.
    private static let geminiFilterReasons: Set<String> = [
        "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
    ]

    /// The finish reason Gemini's `finishReason` stands for.
    ///
    /// `STOP` is ``stop``, or ``toolCalls`` when the reply calls a function (Gemini says
    /// `STOP` then too); `MAX_TOKENS` is ``length``; the filter reasons are
    /// ``contentFilter``; any other name is kept, lower-cased.
    ///
    /// - Returns: `nil` when Gemini gave no reason and the reply calls no function.
    init?(gemini name: String?, hasToolCalls: Bool) {
        if hasToolCalls, name == nil || name == "STOP" {
            self = .toolCalls
            return
        }
        guard let name else { return nil }
        switch name {
        case "STOP": self = .stop
        case "MAX_TOKENS": self = .length
        case _ where Self.geminiFilterReasons.contains(name): self = .contentFilter
        default: self = FinishReason(rawValue: name.lowercased())
        }
    }
}

extension ModelResponse {
    /// Reads a `generateContent` reply.
    ///
    /// The first candidate is the answer: its text parts joined (thought summaries left
    /// out), or `nil` when it has none. When a part carries a thought signature, all the
    /// candidate's parts are kept, as they came, in ``ModelResponse/providerTurn``. A prompt Gemini refused has no candidate and a
    /// ``FinishReason/contentFilter`` finish. Usage is `nil` when the reply has no
    /// `usageMetadata`.
    ///
    /// - Throws: ``ModelError/undecodableResponse(url:detail:)`` when the body is not a
    ///   `GenerateContentResponse`, or has neither a candidate nor a block reason.
    static func decodingGemini(_ body: Data, from url: String) throws(ModelError)
        -> ModelResponse
    {
        let decoded: GeminiResponseBody
        do {
            decoded = try JSONDecoder().decode(GeminiResponseBody.self, from: body)
        } catch {
            let excerpt = String(decoding: body.prefix(200), as: UTF8.self)
            throw .undecodableResponse(
                url: url, detail: "it is not a GenerateContentResponse (body begins: \(excerpt))")
        }
        let usage = decoded.usageMetadata?.tokenUsage
        guard let candidate = decoded.candidates?.first else {
            guard decoded.promptFeedback?.blockReason != nil else {
                throw .undecodableResponse(url: url, detail: "the reply has no candidates")
            }
            return ModelResponse(text: nil, finishReason: .contentFilter, usage: usage,
                                 model: decoded.modelVersion, requestID: decoded.responseId)
        }
        let parts = candidate.content?.parts ?? []
        let texts = parts.compactMap(\.answerText)
        let toolCalls = parts.compactMap(\.functionCall).enumerated().map { ordinal, call in
            call.toolCall(ordinal: ordinal)
        }
        let isSigned = parts.contains { $0.thoughtSignature != nil }
        return ModelResponse(
            text: texts.isEmpty ? nil : texts.joined(),
            finishReason: FinishReason(gemini: candidate.finishReason,
                                       hasToolCalls: !toolCalls.isEmpty),
            toolCalls: toolCalls,
            usage: usage,
            model: decoded.modelVersion,
            requestID: decoded.responseId,
            providerTurn: isSigned
                ? ProviderTurn(format: .gemini, content: .array(candidate.rawParts)) : nil)
    }
}
