import Foundation

/// The body of a `POST /responses` request, as OpenAI documents its Responses API.
struct ResponsesRequestBody: Encodable {
    /// One item of the input: a message, a tool call the model made, or a tool's result.
    struct InputItem: Encodable {
        struct Content: Encodable {
            var type: String
            var text: String
        }

        var type: String
        var role: String?
        var content: [Content]?
        var callID: String?
        var name: String?
        var arguments: String?
        var output: String?

        enum CodingKeys: String, CodingKey {
            case type, role, content, name, arguments, output
            case callID = "call_id"
        }
    }

    var model: String
    var input: [InputItem]
    var instructions: String?
    var maxOutputTokens: Int?
    var temperature: Double?
    var topP: Double?
    var stream: Bool?
    var text: TextOptions?

    /// The `text` options: only `format`, the form of the reply.
    struct TextOptions: Encodable {
        var format: ResponsesTextFormat
    }

    enum CodingKeys: String, CodingKey {
        case model, input, instructions, temperature, stream, text
        case maxOutputTokens = "max_output_tokens"
        case topP = "top_p"
    }

    init(model: String, request: ModelRequest, isStreaming: Bool) {
        self.model = model
        let system = request.messages.filter { $0.role == .system }.compactMap(\.content)
        instructions = system.isEmpty ? nil : system.joined(separator: "\n\n")
        input = request.messages.filter { $0.role != .system }.flatMap(Self.items)
        maxOutputTokens = request.parameters.maximumTokens
        temperature = request.parameters.temperature
        topP = request.parameters.topP
        stream = isStreaming ? true : nil
        text = request.responseFormat.flatMap(ResponsesTextFormat.init).map(TextOptions.init)
    }

    private static func items(for message: ChatMessage) -> [InputItem] {
        if message.role == .tool {
            return [InputItem(type: "function_call_output", callID: message.toolCallID,
                              output: message.content ?? "")]
        }
        var items: [InputItem] = []
        if let text = message.content, !text.isEmpty {
            let isAssistant = message.role == .assistant
            items.append(InputItem(
                type: "message", role: message.role.rawValue,
                content: [.init(type: isAssistant ? "output_text" : "input_text", text: text)]))
        }
        for call in message.toolCalls {
            items.append(InputItem(type: "function_call", callID: call.id, name: call.name,
                                   arguments: call.arguments))
        }
        return items
    }
}

/// The `text.format` of a Responses request: `{"type": "json_object"}`, or
/// `{"type": "json_schema", "name", "schema", "strict"}` (flat, unlike chat completions).
struct ResponsesTextFormat: Encodable {
    var type: String
    var name: String?
    var schema: JSONValue?
    var strict: Bool?

    /// The format to send, or `nil` for free text, the default, which is not sent.
    init?(_ format: ResponseFormat) {
        if let name = format.schemaName, let schema = format.schema {
            type = "json_schema"
            self.name = name
            self.schema = schema
            strict = format.isStrict
        } else if format.isJSON {
            type = "json_object"
        } else {
            return nil
        }
    }
}

/// A Responses API response object, as a reply body or inside `response.completed`.
struct ResponsesObject: Decodable {
    struct OutputItem: Decodable {
        struct Content: Decodable {
            var type: String
            var text: String?
        }

        var type: String
        var content: [Content]?
        var callID: String?
        var name: String?
        var arguments: String?

        enum CodingKeys: String, CodingKey {
            case type, content, name, arguments
            case callID = "call_id"
        }
    }

    struct IncompleteDetails: Decodable {
        var reason: String?
    }

    struct Usage: Decodable {
        struct InputDetails: Decodable {
            var cachedTokens: Int?

            enum CodingKeys: String, CodingKey {
                case cachedTokens = "cached_tokens"
            }
        }

        struct OutputDetails: Decodable {
            var reasoningTokens: Int?

            enum CodingKeys: String, CodingKey {
                case reasoningTokens = "reasoning_tokens"
            }
        }

        var inputTokens: Int?
        var outputTokens: Int?
        var inputTokensDetails: InputDetails?
        var outputTokensDetails: OutputDetails?

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
            case inputTokensDetails = "input_tokens_details"
            case outputTokensDetails = "output_tokens_details"
        }
    }

    var id: String?
    var model: String?
    var status: String?
    var incompleteDetails: IncompleteDetails?
    var output: [OutputItem]?
    var usage: Usage?
    var error: ChatCompletionsErrorDetail?

    enum CodingKeys: String, CodingKey {
        case id, model, status, output, usage, error
        case incompleteDetails = "incomplete_details"
    }

    /// The normalised response.
    var modelResponse: ModelResponse {
        let items = output ?? []
        let texts = items.filter { $0.type == "message" }
            .flatMap { $0.content ?? [] }
            .filter { $0.type == "output_text" }
            .compactMap(\.text)
        let calls = items.filter { $0.type == "function_call" }.map {
            ToolCall(id: $0.callID ?? "", name: $0.name ?? "", arguments: $0.arguments ?? "{}")
        }
        var tokenUsage: TokenUsage?
        if let input = usage?.inputTokens, let output = usage?.outputTokens {
            tokenUsage = TokenUsage(
                inputTokens: input, outputTokens: output,
                cachedInputTokens: usage?.inputTokensDetails?.cachedTokens,
                reasoningTokens: usage?.outputTokensDetails?.reasoningTokens)
        }
        return ModelResponse(text: texts.isEmpty ? nil : texts.joined(),
                             finishReason: finishReason(hasToolCalls: !calls.isEmpty),
                             toolCalls: calls, usage: tokenUsage, model: model, requestID: id)
    }

    private func finishReason(hasToolCalls: Bool) -> FinishReason? {
        switch status {
        case "incomplete":
            switch incompleteDetails?.reason {
            case "max_output_tokens": return .length
            case "content_filter": return .contentFilter
            case let reason?: return FinishReason(rawValue: reason)
            case nil: return .length
            }
        case "completed":
            return hasToolCalls ? .toolCalls : .stop
        case let status?:
            return FinishReason(rawValue: status)
        case nil:
            return nil
        }
    }
}
