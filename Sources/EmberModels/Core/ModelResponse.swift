import Foundation

/// Why the model stopped generating.
///
/// Providers name these differently; adapters map their names onto these values (OpenAI
/// `length`, Anthropic `max_tokens` and Gemini `MAX_TOKENS` all become ``length``) and keep
/// any other name as it is.
public struct FinishReason: RawRepresentable, Sendable, Hashable, Codable,
                            CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The model ended its answer, or met a stop sequence.
    public static let stop = FinishReason(rawValue: "stop")
    /// The token limit cut the answer short: the response is truncated.
    public static let length = FinishReason(rawValue: "length")
    /// The provider's content filter withheld the answer.
    public static let contentFilter = FinishReason(rawValue: "content_filter")
    /// The model asked to call a tool.
    public static let toolCalls = FinishReason(rawValue: "tool_calls")

    public var description: String { rawValue }
}

/// A function call the model asked for.
public struct ToolCall: Sendable, Hashable, Codable {
    /// The provider's id for the call, which the tool's result must quote.
    public var id: String
    /// The function's name.
    public var name: String
    /// The arguments, as the JSON text the model wrote.
    public var arguments: String

    /// Creates a tool call.
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// A model's reply, normalised across providers.
public struct ModelResponse: Sendable, Hashable {
    /// The generated text, or `nil` when the model produced none (only tool calls).
    public var text: String?
    /// Why generation ended, or `nil` where the provider did not say.
    public var finishReason: FinishReason?
    /// The tool calls the model asked for, in order.
    public var toolCalls: [ToolCall]
    /// Token counts, or `nil` where the provider sent none.
    public var usage: TokenUsage?
    /// The model that answered, as the provider named it.
    public var model: String?
    /// The provider's id for the request.
    public var requestID: String?
    /// From sending the request to the end of the reply.
    public var latency: Duration?
    /// Whether the response was served from a ``ResponseCache`` (or shared from an identical
    /// call in flight) instead of a call made for it: no cost was incurred. Its usage,
    /// latency and request id are the original call's.
    public var isCached: Bool
    /// The turn as the provider wrote it, where it carries what the next request must send
    /// back unchanged (Gemini's thought signatures); `nil` otherwise.
    public var providerTurn: ProviderTurn?

    /// Creates a response.
    public init(text: String?, finishReason: FinishReason?, toolCalls: [ToolCall] = [],
                usage: TokenUsage?, model: String? = nil, requestID: String? = nil,
                latency: Duration? = nil, isCached: Bool = false,
                providerTurn: ProviderTurn? = nil) {
        self.text = text
        self.finishReason = finishReason
        self.toolCalls = toolCalls
        self.usage = usage
        self.model = model
        self.requestID = requestID
        self.latency = latency
        self.isCached = isCached
        self.providerTurn = providerTurn
    }

    /// Whether the token limit cut the reply short.
    public var isTruncated: Bool { finishReason == .length }
}
