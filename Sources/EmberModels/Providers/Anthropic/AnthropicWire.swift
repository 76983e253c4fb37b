import Foundation

/// The body of a `POST /v1/messages` request, as Anthropic documents it.
struct AnthropicMessagesRequestBody: Encodable {
    struct Message: Encodable {
        var role: String
        var content: [Block]
    }

    /// A content block: text, a tool call, or a tool's result.
    struct Block: Encodable {
        var type: String
        var text: String?
        var id: String?
        var name: String?
        var input: JSONValue?
        var toolUseID: String?
        var content: String?

        enum CodingKeys: String, CodingKey {
            case type, text, id, name, input, content
            case toolUseID = "tool_use_id"
        }
    }

    var model: String
    var maxTokens: Int
    var system: String?
    var messages: [Message]
    var temperature: Double?
    var topP: Double?
    var stopSequences: [String]?
    var stream: Bool?

    enum CodingKeys: String, CodingKey {
        case model, system, messages, temperature, stream
        case maxTokens = "max_tokens"
        case topP = "top_p"
        case stopSequences = "stop_sequences"
    }

    /// Anthropic requires `max_tokens`; this is sent when the request sets none.
    static let defaultMaximumTokens = 1024

    /// Translates a request. Its ``ModelRequest/responseFormat`` is not sent: the messages
    /// API has no setting for it, so the prompt must describe the shape of the reply.
    init(model: String, request: ModelRequest, isStreaming: Bool) {
        self.model = model
        maxTokens = request.parameters.maximumTokens ?? Self.defaultMaximumTokens
        let systemText = request.messages.filter { $0.role == .system }.compactMap(\.content)
        system = systemText.isEmpty ? nil : systemText.joined(separator: "\n\n")
        messages = request.messages.filter { $0.role != .system }.map(Self.message)
        temperature = request.parameters.temperature
        topP = request.parameters.topP
        let stops = request.parameters.stopSequences
        stopSequences = stops.isEmpty ? nil : stops
        stream = isStreaming ? true : nil
    }

    private static func message(_ message: ChatMessage) -> Message {
        if message.role == .tool {
            return Message(role: "user", content: [Block(
                type: "tool_result", toolUseID: message.toolCallID, content: message.content)])
        }
        var blocks: [Block] = []
        if let text = message.content, !text.isEmpty {
            blocks.append(Block(type: "text", text: text))
        }
        for call in message.toolCalls {
            blocks.append(Block(type: "tool_use", id: call.id, name: call.name,
                                input: JSONValue.parsing(call.arguments) ?? .string(call.arguments)))
        }
        return Message(role: message.role == .assistant ? "assistant" : "user", content: blocks)
    }
}

/// Token counts as Anthropic reports them: `input_tokens` excludes cache reads and writes.
struct AnthropicUsage: Decodable {
    var inputTokens: Int?
    var outputTokens: Int?
    var cacheCreationInputTokens: Int?
    var cacheReadInputTokens: Int?

    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case cacheCreationInputTokens = "cache_creation_input_tokens"
        case cacheReadInputTokens = "cache_read_input_tokens"
    }

    /// The normalised usage, whose input count includes cache reads and writes.
    var tokenUsage: TokenUsage? {
        guard let inputTokens, let outputTokens else { return nil }
        let read = cacheReadInputTokens
        let written = cacheCreationInputTokens
        return TokenUsage(inputTokens: inputTokens + (read ?? 0) + (written ?? 0),
                          outputTokens: outputTokens, cachedInputTokens: read,
                          cacheWriteTokens: written)
    }
}

/// A content block of a reply.
struct AnthropicContentBlock: Decodable {
    var type: String
    var text: String?
    var id: String?
    var name: String?
    var input: JSONValue?
}

/// The body of a messages reply; only the fields Ember reads.
struct AnthropicMessagesResponseBody: Decodable {
    var id: String?
    var model: String?
    var content: [AnthropicContentBlock]
    var stopReason: String?
    var usage: AnthropicUsage?

    enum CodingKeys: String, CodingKey {
        case id, model, content, usage
        case stopReason = "stop_reason"
    }
}

/// The error body Anthropic sends, with an error status or as a stream's `error` event.
struct AnthropicErrorBody: Decodable {
    struct Detail: Decodable {
        var type: String?
        var message: String?
    }

    var error: Detail?
}

extension FinishReason {
    /// Anthropic's `stop_reason`, in Ember's terms.
    init(anthropicStopReason reason: String) {
        switch reason {
        case "end_turn", "stop_sequence", "pause_turn": self = .stop
        case "max_tokens", "model_context_window_exceeded": self = .length
        case "tool_use": self = .toolCalls
        case "refusal": self = .contentFilter
        default: self = FinishReason(rawValue: reason)
        }
    }
}

extension ModelResponse {
    /// Reads a messages reply.
    static func decodingAnthropicMessage(_ body: Data, from url: String) throws(ModelError)
        -> ModelResponse
    {
        let decoded: AnthropicMessagesResponseBody
        do {
            decoded = try JSONDecoder().decode(AnthropicMessagesResponseBody.self, from: body)
        } catch {
            let excerpt = String(decoding: body.prefix(200), as: UTF8.self)
            throw .undecodableResponse(url: url, detail: "it is not a message (\(excerpt))")
        }
        let texts = decoded.content.filter { $0.type == "text" }.compactMap(\.text)
        let calls = decoded.content.filter { $0.type == "tool_use" }.map {
            ToolCall(id: $0.id ?? "", name: $0.name ?? "",
                     arguments: ($0.input ?? .object([:])).jsonText)
        }
        return ModelResponse(
            text: texts.isEmpty ? nil : texts.joined(),
            finishReason: decoded.stopReason.map(FinishReason.init(anthropicStopReason:)),
            toolCalls: calls, usage: decoded.usage?.tokenUsage, model: decoded.model,
            requestID: decoded.id)
    }
}
