import Foundation

/// What a model costs, in US dollars per million tokens.
///
/// Prices are `Decimal`, so costs add up exactly. A cache price left `nil` charges those
/// tokens at the input price.
public struct ModelPricing: Sendable, Hashable, Codable {
    /// Dollars per million input tokens not served from a cache.
    public var inputPerMillion: Decimal
    /// Dollars per million input tokens read from the prompt cache.
    public var cachedInputPerMillion: Decimal?
    /// Dollars per million input tokens written to the prompt cache.
    public var cacheWritePerMillion: Decimal?
    /// Dollars per million output tokens, reasoning included.
    public var outputPerMillion: Decimal

    /// Creates a price list.
    public init(inputPerMillion: Decimal, cachedInputPerMillion: Decimal? = nil,
                cacheWritePerMillion: Decimal? = nil, outputPerMillion: Decimal) {
        self.inputPerMillion = inputPerMillion
        self.cachedInputPerMillion = cachedInputPerMillion
        self.cacheWritePerMillion = cacheWritePerMillion
        self.outputPerMillion = outputPerMillion
    }

    /// A model that costs nothing to call (a local one).
    public static let free = ModelPricing(inputPerMillion: 0, outputPerMillion: 0)

    /// The cost of one call's usage, in dollars.
    ///
    /// Input tokens read from or written to the cache are charged at their own prices and
    /// the rest at the input price; reasoning tokens are part of the output count and are not
    /// charged again.
    public func cost(of usage: TokenUsage) -> Decimal {
        let cached = usage.cachedInputTokens ?? 0
        let written = usage.cacheWriteTokens ?? 0
        let uncached = max(0, usage.inputTokens - cached - written)
        let dollars = Decimal(uncached) * inputPerMillion
            + Decimal(cached) * (cachedInputPerMillion ?? inputPerMillion)
            + Decimal(written) * (cacheWritePerMillion ?? inputPerMillion)
            + Decimal(usage.outputTokens) * outputPerMillion
        return dollars / 1_000_000
    }
}
