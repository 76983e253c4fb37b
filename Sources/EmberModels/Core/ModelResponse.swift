/// Token counts of one model call, as the provider reported them.
public struct TokenUsage: Sendable, Hashable, Codable {
    /// Tokens read: the prompt and the rest of the conversation.
    public var promptTokens: Int
    /// Tokens generated.
    public var completionTokens: Int

    /// Creates a usage record.
    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    /// Tokens read and generated.
    public var totalTokens: Int { promptTokens + completionTokens }

    /// The sum of two usage records.
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(promptTokens: lhs.promptTokens + rhs.promptTokens,
             completionTokens: lhs.completionTokens + rhs.completionTokens)
    }
}

/// Why the model stopped generating.
///
/// Providers name these differently; adapters map their names onto these values and keep
/// any other name as it is.
public struct FinishReason: RawRepresentable, Sendable, Hashable, Codable,
                            CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The model ended its answer, or met a stop sequence.
    public static let stop = FinishReason(rawValue: "stop")
    /// The token limit cut the answer short.
    public static let length = FinishReason(rawValue: "length")
    /// The provider's content filter withheld the answer.
    public static let contentFilter = FinishReason(rawValue: "content_filter")
    /// The model asked to call a tool.
    public static let toolCalls = FinishReason(rawValue: "tool_calls")

    public var description: String { rawValue }
}

/// A model's reply, normalised across providers.
public struct ModelResponse: Sendable, Hashable {
    /// The generated text.
    public var text: String
    /// Why generation ended, or `nil` where the provider did not say.
    public var finishReason: FinishReason?
    /// Token counts, or `nil` where the provider sent none.
    public var usage: TokenUsage?
    /// The model that answered, as the provider named it.
    public var model: String?

    /// Creates a response.
    public init(text: String, finishReason: FinishReason?, usage: TokenUsage?,
                model: String? = nil) {
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
        self.model = model
    }
}
