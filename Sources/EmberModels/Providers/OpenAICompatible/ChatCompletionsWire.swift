import Foundation

/// The body of a `POST /chat/completions` request, as OpenAI documents it.
struct ChatCompletionsRequestBody: Encodable {
    struct Message: Encodable {
        var role: String
        var content: String
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
    }

    init(model: String, request: ModelRequest, isStreaming: Bool = false) {
        self.model = model
        messages = request.messages.map { Message(role: $0.role.rawValue, content: $0.content) }
        temperature = request.parameters.temperature
        maxTokens = request.parameters.maximumTokens
        topP = request.parameters.topP
        seed = request.parameters.seed
        stop = request.parameters.stopSequences.isEmpty ? nil : request.parameters.stopSequences
        if isStreaming {
            stream = true
            streamOptions = StreamOptions()
        }
    }
}

/// The body of a chat completions reply; only the fields Ember reads.
struct ChatCompletionsResponseBody: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable {
            var content: String?
        }

        var message: Message?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case message
            case finishReason = "finish_reason"
        }
    }

    struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    var model: String?
    var choices: [Choice]
    var usage: Usage?
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
    var usage: ChatCompletionsResponseBody.Usage?
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
        var usage: TokenUsage?
        if let prompt = decoded.usage?.promptTokens,
           let completion = decoded.usage?.completionTokens {
            usage = TokenUsage(promptTokens: prompt, completionTokens: completion)
        }
        return ModelResponse(
            text: choice.message?.content ?? "",
            finishReason: choice.finishReason.map(FinishReason.init(rawValue:)),
            usage: usage,
            model: decoded.model)
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
