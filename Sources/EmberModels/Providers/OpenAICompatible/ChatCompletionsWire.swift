import Foundation

/// The body of a `POST /chat/completions` request, as OpenAI documents it.
struct ChatCompletionsRequestBody: Encodable {
    struct Message: Encodable {
        var role: String
        var content: String?
        var toolCalls: [WireToolCall]?
        var toolCallID: String?

        enum CodingKeys: String, CodingKey {
            case role, content
            case toolCalls = "tool_calls"
            case toolCallID = "tool_call_id"
        }

        init(_ message: ChatMessage) {
            role = message.role.rawValue
            content = message.content
            toolCalls = message.toolCalls.isEmpty ? nil : message.toolCalls.map(WireToolCall.init)
            toolCallID = message.toolCallID
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(role, forKey: .role)
            // An assistant turn of only tool calls has `null` content, written as JSON null.
            try container.encode(content, forKey: .content)
            try container.encodeIfPresent(toolCalls, forKey: .toolCalls)
            try container.encodeIfPresent(toolCallID, forKey: .toolCallID)
        }
    }

    var model: String
    var messages: [Message]
    var temperature: Double?
    var maxTokens: Int?
    var topP: Double?
    var seed: Int?
    var stop: [String]?
    var stream: Bool?
    var streamOptions: StreamOptions?
    var responseFormat: ChatCompletionsResponseFormat?

    struct StreamOptions: Encodable {
        var includeUsage = true

        enum CodingKeys: String, CodingKey {
            case includeUsage = "include_usage"
        }
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, seed, stop, stream
        case maxTokens = "max_tokens"
        case topP = "top_p"
        case streamOptions = "stream_options"
        case responseFormat = "response_format"
    }

    init(model: String, request: ModelRequest, isStreaming: Bool = false) {
        self.model = model
        messages = request.messages.map(Message.init)
        temperature = request.parameters.temperature
        maxTokens = request.parameters.maximumTokens
        topP = request.parameters.topP
        seed = request.parameters.seed
        stop = request.parameters.stopSequences.isEmpty ? nil : request.parameters.stopSequences
        responseFormat = request.responseFormat.flatMap(ChatCompletionsResponseFormat.init)
        if isStreaming {
            stream = true
            streamOptions = StreamOptions()
        }
    }
}

/// The `response_format` of a chat completions request: `{"type": "json_object"}`, or
/// `{"type": "json_schema", "json_schema": {"name", "schema", "strict"}}`. llama.cpp's server
/// reads both and turns the schema into a grammar.
struct ChatCompletionsResponseFormat: Encodable {
    struct Schema: Encodable {
        var name: String
        var schema: JSONValue
        var strict: Bool
    }

    var type: String
    var jsonSchema: Schema?

    enum CodingKeys: String, CodingKey {
        case type
        case jsonSchema = "json_schema"
    }

    /// The format to send, or `nil` for free text, the default, which is not sent.
    init?(_ format: ResponseFormat) {
        if let name = format.schemaName, let schema = format.schema {
            type = "json_schema"
            jsonSchema = Schema(name: name, schema: schema, strict: format.isStrict)
        } else if format.isJSON {
            type = "json_object"
        } else {
            return nil
        }
    }
}

/// A tool call as chat completions write it, in replies and in later requests.
struct WireToolCall: Codable {
    struct Function: Codable {
        var name: String
        var arguments: String
    }

    var id: String
    var type = "function"
    var function: Function

    init(_ call: ToolCall) {
        id = call.id
        function = Function(name: call.name, arguments: call.arguments)
    }

    var toolCall: ToolCall {
        ToolCall(id: id, name: function.name, arguments: function.arguments)
    }
}

/// Token counts as chat completions report them.
struct ChatCompletionsUsage: Decodable {
    struct PromptDetails: Decodable {
        var cachedTokens: Int?

        enum CodingKeys: String, CodingKey {
            case cachedTokens = "cached_tokens"
        }
    }

    struct CompletionDetails: Decodable {
        var reasoningTokens: Int?

        enum CodingKeys: String, CodingKey {
            case reasoningTokens = "reasoning_tokens"
        }
    }

    var promptTokens: Int?
    var completionTokens: Int?
    var promptTokensDetails: PromptDetails?
    var completionTokensDetails: CompletionDetails?

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case promptTokensDetails = "prompt_tokens_details"
        case completionTokensDetails = "completion_tokens_details"
    }

    /// The normalised usage, or `nil` unless both main counts are present.
    /// (`prompt_tokens` already includes the cached tokens.)
    var tokenUsage: TokenUsage? {
        guard let promptTokens, let completionTokens else { return nil }
        return TokenUsage(inputTokens: promptTokens, outputTokens: completionTokens,
                          cachedInputTokens: promptTokensDetails?.cachedTokens,
                          reasoningTokens: completionTokensDetails?.reasoningTokens)
    }
}

/// The body of a chat completions reply; only the fields Ember reads.
struct ChatCompletionsResponseBody: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable {
            var content: String?
            var toolCalls: [WireToolCall]?

            enum CodingKeys: String, CodingKey {
                case content
                case toolCalls = "tool_calls"
            }
        }

        var message: Message?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case message
            case finishReason = "finish_reason"
        }
    }

    var id: String?
    var model: String?
    var choices: [Choice]
    var usage: ChatCompletionsUsage?
}

/// The error object OpenAI and compatible servers send, with an error status or in a stream.
struct ChatCompletionsErrorDetail: Decodable {
    var message: String?
    var type: String?
    var code: String?

    enum CodingKeys: String, CodingKey {
        case message, type, code
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        // `code` is a string at OpenAI and a number at llama.cpp.
        if let text = try? container.decodeIfPresent(String.self, forKey: .code) {
            code = text
        } else if let number = try? container.decodeIfPresent(Int.self, forKey: .code) {
            code = String(number)
        }
    }

    /// The most specific name the provider gave the error: its code, else its type.
    var providerType: String? {
        if let code, Int(code) == nil { return code }
        return type
    }
}

/// The error body OpenAI and compatible servers send with an error status.
struct ChatCompletionsErrorBody: Decodable {
    var error: ChatCompletionsErrorDetail?
}

/// One `data:` chunk of a streamed chat completion.
struct ChatCompletionsChunk: Decodable {
    struct Choice: Decodable {
        struct Delta: Decodable {
            var content: String?
        }

        var delta: Delta?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case delta
            case finishReason = "finish_reason"
        }
    }

    var model: String?
    var choices: [Choice]?
    var usage: ChatCompletionsUsage?
    var error: ChatCompletionsErrorDetail?
}

extension ModelResponse {
    /// Reads a chat completions reply.
    ///
    /// The first choice is the answer. Usage is `nil` unless the server sent both counts.
    ///
    /// - Throws: ``ModelError/undecodableResponse(url:detail:)`` when the body is not a chat
    ///   completion or has no choice.
    static func decodingChatCompletion(_ body: Data, from url: String) throws(ModelError)
        -> ModelResponse
    {
        let decoded: ChatCompletionsResponseBody
        do {
            decoded = try JSONDecoder().decode(ChatCompletionsResponseBody.self, from: body)
        } catch {
            throw .undecodableResponse(url: url, detail: describe(error, body: body))
        }
        guard let choice = decoded.choices.first else {
            throw .undecodableResponse(url: url, detail: "the reply has no choices")
        }
        return ModelResponse(
            text: choice.message?.content,
            finishReason: choice.finishReason.map(FinishReason.init(rawValue:)),
            toolCalls: choice.message?.toolCalls?.map(\.toolCall) ?? [],
            usage: decoded.usage?.tokenUsage,
            model: decoded.model,
            requestID: decoded.id)
    }
    private static func describe(_ error: any Error, body: Data) -> String {
        let excerpt = String(decoding: body.prefix(200), as: UTF8.self)
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return "the field '\(path)' is missing (body begins: \(excerpt))"
        case DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "the field '\(path)' has the wrong type (body begins: \(excerpt))"
        default:
            return "it is not JSON (body begins: \(excerpt))"
        }
    }
}
