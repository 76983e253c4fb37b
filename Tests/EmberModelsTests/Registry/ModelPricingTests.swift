import Foundation
import Testing
import EmberModels

@Suite("Prices and cost")
struct ModelPricingTests {
    func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

    @Test("OpenAI usage, whose prompt count includes cached tokens, costs exactly $0.005615")
    func openAICost() {
        let pricing = ModelPricing(inputPerMillion: decimal("2.50"),
                                   cachedInputPerMillion: decimal("1.25"),
                                   outputPerMillion: decimal("10.00"))
        let usage = TokenUsage(inputTokens: 2006, outputTokens: 300, cachedInputTokens: 1920)
        #expect(pricing.cost(of: usage) == decimal("0.005615"))
    }

    @Test("Anthropic usage, with cache reads counted apart, costs exactly $0.0069576")
    func anthropicCost() {
        let pricing = ModelPricing(inputPerMillion: decimal("3.00"),
                                   cachedInputPerMillion: decimal("0.30"),
                                   cacheWritePerMillion: decimal("3.75"),
                                   outputPerMillion: decimal("15.00"))
        // input_tokens 9, cache_read 17102, cache_creation 0, output 120: normalised, the
        // input count includes the cache read.
        let usage = TokenUsage(inputTokens: 9 + 17102 + 0, outputTokens: 120,
                               cachedInputTokens: 17102, cacheWriteTokens: 0)
        #expect(pricing.cost(of: usage) == decimal("0.0069576"))
    }

    @Test("reasoning tokens are part of the output count, not charged again")
    func reasoning() {
        let pricing = ModelPricing(inputPerMillion: 1, outputPerMillion: 10)
        let usage = TokenUsage(inputTokens: 0, outputTokens: 1000, reasoningTokens: 800)
        #expect(pricing.cost(of: usage) == decimal("0.01"))
    }

    @Test("built-in prices are exact decimals")
    func builtInPrices() throws {
        let mini = try #require(ModelRegistry.builtIn.info(
            for: ModelID(provider: "openai", model: "gpt-4o-mini")))
        #expect(mini.pricing?.cachedInputPerMillion == decimal("0.075"))
        #expect(ModelRegistry.builtIn.info(for: ModelID(provider: "local", model: "smollm2"))?
            .pricing == .free)
    }
}

@Suite("Model registry")
struct ModelRegistryTests {
    @Test("aliases and full ids resolve; an unregistered full id resolves to itself")
    func resolve() throws {
        let registry = ModelRegistry.builtIn
        #expect(try registry.resolve("smollm2") == ModelID(provider: "local", model: "smollm2"))
        #expect(try registry.resolve("SONNET").provider == "anthropic")
        #expect(try registry.resolve("openai/gpt-5-preview").model == "gpt-5-preview")
    }

    @Test("an unknown bare name lists close matches")
    func closeMatches() {
        let error = #expect(throws: ModelError.self) {
            try ModelRegistry.builtIn.resolve("gpt-4o-mnii")
        }
        #expect(error?.kind == .unknownModel)
        #expect(error?.description.contains("Did you mean gpt-4o-mini") == true)
    }
}

@Suite("Usage ledger")
struct UsageServiceTests {
    let local = ModelID(provider: "local", model: "smollm2")
    let unknown = ModelID(provider: "openai", model: "mystery")

    func response(_ input: Int, _ output: Int) -> ModelResponse {
        ModelResponse(text: "x", finishReason: .stop,
                      usage: TokenUsage(inputTokens: input, outputTokens: output))
    }

    @Test("calls are totalled per scope and per model; child tasks inherit the scope")
    func scopes() async {
        let usage = UsageService()
        usage.record(response(10, 2), model: local)
        await usage.withScope("run-1") {
            usage.record(response(5, 1), model: local)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { usage.record(self.response(7, 3), model: self.local) }
            }
        }
        #expect(usage.totals().calls == 3)
        #expect(usage.totals(scope: "run-1").usage == TokenUsage(inputTokens: 12, outputTokens: 4))
        #expect(usage.totals(scope: "run-1").cost == 0)
        #expect(usage.totalsByModel()[local]?.calls == 3)
    }

    @Test("an unpriced model or a call without usage makes the cost unknown, not $0")
    func unknownCost() {
        let usage = UsageService()
        usage.record(response(10, 2), model: local)
        usage.record(response(10, 2), model: unknown)
        usage.record(ModelResponse(text: "x", finishReason: .stop, usage: nil), model: local)
        let totals = usage.totals()
        #expect(totals.cost == nil)
        #expect(totals.callsOfUnknownCost == 2)
        #expect(totals.knownCost == 0)
    }
}
