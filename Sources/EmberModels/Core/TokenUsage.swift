/// Token counts of one model call, normalised across providers.
///
/// ``inputTokens`` counts every token read, cached ones included (OpenAI's convention);
/// adapters for providers that count cache reads and writes apart (Anthropic) add them in.
/// ``outputTokens`` counts every token generated, reasoning included. A count the provider
/// did not report is `nil`, never 0.
public struct TokenUsage: Sendable, Hashable, Codable {
    /// Tokens read: the prompt and the rest of the conversation, cached or not.
    public var inputTokens: Int
    /// Tokens generated, reasoning tokens included.
    public var outputTokens: Int
    /// The part of ``inputTokens`` read from the provider's prompt cache.
    public var cachedInputTokens: Int?
    /// The part of ``inputTokens`` written to the provider's prompt cache.
    public var cacheWriteTokens: Int?
    /// The part of ``outputTokens`` spent on hidden reasoning.
    public var reasoningTokens: Int?

    /// Creates a usage record.
    public init(inputTokens: Int, outputTokens: Int, cachedInputTokens: Int? = nil,
                cacheWriteTokens: Int? = nil, reasoningTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cachedInputTokens = cachedInputTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.reasoningTokens = reasoningTokens
    }

    /// No tokens.
    public static let zero = TokenUsage(inputTokens: 0, outputTokens: 0)

    /// Tokens read and generated.
    public var totalTokens: Int { inputTokens + outputTokens }

    /// The sum of two usage records; a part count stays `nil` only if both are `nil`.
    public static func + (lhs: Self, rhs: Self) -> Self {
        func add(_ a: Int?, _ b: Int?) -> Int? {
            a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0)
        }
        return Self(inputTokens: lhs.inputTokens + rhs.inputTokens,
                    outputTokens: lhs.outputTokens + rhs.outputTokens,
                    cachedInputTokens: add(lhs.cachedInputTokens, rhs.cachedInputTokens),
                    cacheWriteTokens: add(lhs.cacheWriteTokens, rhs.cacheWriteTokens),
                    reasoningTokens: add(lhs.reasoningTokens, rhs.reasoningTokens))
    }
}
