import Foundation

/// Builds one response out of the events of a streamed Anthropic message.
///
/// `message_start` carries the input usage, `content_block_*` events the text and tool
/// calls, `message_delta` the stop reason and the output count, `message_stop` the end. A
/// `ping` is ignored; an `error` event ends the stream in a typed error keeping the text.
struct AnthropicStreamAccumulator: StreamAccumulator {
    private struct Event: Decodable {
        struct Message: Decodable {
            var id: String?
            var model: String?
            var usage: AnthropicUsage?
        }

        struct Delta: Decodable {
            var type: String?
            var text: String?
            var partialJSON: String?
            var stopReason: String?

            enum CodingKeys: String, CodingKey {
                case type, text
                case partialJSON = "partial_json"
                case stopReason = "stop_reason"
            }
        }

        var type: String
        var index: Int?
        var message: Message?
        var contentBlock: AnthropicContentBlock?
        var delta: Delta?
        var usage: AnthropicUsage?
        var error: AnthropicErrorBody.Detail?

        enum CodingKeys: String, CodingKey {
            case type, index, message, delta, usage, error
            case contentBlock = "content_block"
        }
    }

    private struct PendingToolCall {
        var id: String
        var name: String
        var arguments = ""
    }

    let url: String
    private(set) var text = ""
    private(set) var isDone = false
    private var stopReason: String?
    private var inputUsage: AnthropicUsage?
    private var outputTokens: Int?
    private var model: String?
    private var requestID: String?
    private var toolCalls: [Int: PendingToolCall] = [:]

    init(url: String) {
        self.url = url
    }

    /// Takes one event; returns the text it adds, if any.
    mutating func consume(_ event: ServerSentEvent) throws(ModelError) -> String? {
        let decoded: Event
        do {
            decoded = try JSONDecoder().decode(Event.self, from: Data(event.data.utf8))
        } catch {
            throw .undecodableResponse(
                url: url, detail: "a stream event is not JSON: \(event.data.prefix(200))")
        }
        switch decoded.type {
        case "message_start":
            inputUsage = decoded.message?.usage
            model = decoded.message?.model
            requestID = decoded.message?.id
        case "content_block_start":
            if let block = decoded.contentBlock, block.type == "tool_use" {
                toolCalls[decoded.index ?? toolCalls.count] =
                    PendingToolCall(id: block.id ?? "", name: block.name ?? "")
            }
        case "content_block_delta":
            if let json = decoded.delta?.partialJSON, let index = decoded.index {
                toolCalls[index]?.arguments += json
            }
            if let delta = decoded.delta?.text, !delta.isEmpty {
                text += delta
                return delta
            }
        case "message_delta":
            if let reason = decoded.delta?.stopReason { stopReason = reason }
            if let output = decoded.usage?.outputTokens { outputTokens = output }
        case "message_stop":
            isDone = true
        case "error":
            throw .streamError(url: url, providerType: decoded.error?.type,
                               message: decoded.error?.message ?? "", partialText: text)
        default:
            break
        }
        return nil
    }

    /// Checks that the stream ended as a finished answer and builds the response.
    func finish() throws(ModelError) -> ModelResponse {
        guard isDone || stopReason != nil else {
            throw .truncatedStream(url: url, partialText: text)
        }
        var usage: TokenUsage?
        if var input = inputUsage, let outputTokens {
            input.outputTokens = outputTokens
            usage = input.tokenUsage
        }
        let calls = toolCalls.sorted { $0.key < $1.key }.map { _, call in
            ToolCall(id: call.id, name: call.name,
                     arguments: call.arguments.isEmpty ? "{}" : call.arguments)
        }
        return ModelResponse(
            text: text.isEmpty && !calls.isEmpty ? nil : text,
            finishReason: stopReason.map(FinishReason.init(anthropicStopReason:)),
            toolCalls: calls, usage: usage, model: model, requestID: requestID)
    }
}
