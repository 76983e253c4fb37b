import Foundation

extension ModelRegistry {
    /// The models Ember describes out of the box, with the prices their providers publish
    /// (US dollars per million tokens, as listed in 2025; configuration can override them).
    public static let builtIn: ModelRegistry = {
        func model(_ id: String, context: Int, _ pricing: ModelPricing?,
                   _ capabilities: Set<ModelInfo.Capability> = [.streaming, .toolCalls,
                                                               .structuredOutput]) -> ModelInfo {
            // The ids below are literals known to be well formed.
            ModelInfo(id: try! ModelID(parsing: id), contextWindow: context, pricing: pricing,
                      capabilities: capabilities)
        }
        // Prices are written as text: a floating-point literal would reach `Decimal` through
        // `Double` and lose exactness (0.075 is not a binary fraction).
        func price(_ input: String, cached: String? = nil, write: String? = nil,
                   _ output: String) -> ModelPricing {
            func decimal(_ text: String) -> Decimal { Decimal(string: text)! }
            return ModelPricing(inputPerMillion: decimal(input),
                                cachedInputPerMillion: cached.map(decimal),
                                cacheWritePerMillion: write.map(decimal),
                                outputPerMillion: decimal(output))
        }
        var registry = ModelRegistry([
            model("local/smollm2", context: 8192, .free, [.streaming]),
            model("openai/gpt-4o", context: 128_000, price("2.50", cached: "1.25", "10.00")),
            model("openai/gpt-4o-mini", context: 128_000, price("0.15", cached: "0.075", "0.60")),
            model("openai/gpt-4.1", context: 1_047_576, price("2.00", cached: "0.50", "8.00")),
            model("openai/gpt-4.1-mini", context: 1_047_576, price("0.40", cached: "0.10", "1.60")),
            model("openai/o3-mini", context: 200_000, price("1.10", cached: "0.55", "4.40")),
            model("anthropic/claude-sonnet-4-0", context: 200_000,
                  price("3.00", cached: "0.30", write: "3.75", "15.00")),
            model("anthropic/claude-3-5-haiku-latest", context: 200_000,
                  price("0.80", cached: "0.08", write: "1.00", "4.00")),
            model("gemini/gemini-2.0-flash", context: 1_048_576,
                  price("0.10", cached: "0.025", "0.40")),
            model("gemini/gemini-2.5-flash", context: 1_048_576,
                  price("0.30", cached: "0.075", "2.50")),
        ])
        for model in registry.all {
            registry.registerAlias(model.id.model, for: model.id)
        }
        registry.registerAlias("sonnet", for: ModelID(provider: "anthropic",
                                                      model: "claude-sonnet-4-0"))
        registry.registerAlias("haiku", for: ModelID(provider: "anthropic",
                                                     model: "claude-3-5-haiku-latest"))
        return registry
    }()
}
