import EmberModels
import EmberTestSupport
import Foundation
import Testing

@Suite("Budgets on model calls", .timeLimit(.minutes(1)))
struct BudgetTests {
    /// An OpenAI-shaped server whose every reply used 40 prompt and 10 output tokens.
    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.start { _ in
            .json(#"""
                {"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":40,"completion_tokens":10}}
                """#)
        }
    }

    /// `test/m` through `server`, at $2 per million input and $8 per million output tokens.
    static func service(_ server: LoopbackHTTPServer, budget: Budget? = nil) -> ModelService {
        let id = ModelID(provider: "test", model: "m")
        let registry = ModelRegistry([ModelInfo(
            id: id, pricing: ModelPricing(inputPerMillion: 2, outputPerMillion: 8))])
        return ModelService(
            providers: ["test": OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: "k",
                                                         client: HTTPClient())],
            registry: registry, usage: UsageService(registry: registry), retryPolicy: .never,
            budget: budget)
    }

    /// A 40-character prompt (10 tokens estimated) with room for 100 output tokens.
    static var request: ModelRequest {
        var request = ModelRequest(prompt: String(repeating: "a", count: 40))
        request.parameters.maximumTokens = 100
        return request
    }

    @Test("a call whose estimate does not fit is refused before any byte is sent")
    func refusedBeforeSending() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let budget = Budget(BudgetLimit(tokens: 109), label: "the test budget")
        let service = Self.service(server, budget: budget)
        let error = await #expect(throws: BudgetExceededError.self) {
            try await service.complete(Self.request, model: "test/m")
        }
        #expect(server.requests.isEmpty)
        #expect(error?.reason == .tokens)
        #expect(error?.estimate.tokens == 110)
        #expect(error?.description == "A call to test/m could take the test budget past "
            + "109 tokens, so it was not sent: 0 spent, 0 held by calls in flight, up to 110 "
            + "for this one.")
        #expect(budget.refusal == error)
    }

    @Test("a stream is held to the budget the same way: refused unsent, settled when done")
    func streams() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .respond(status: 200, headers: ["Content-Type": "text/event-stream"], body: Data("""
                data: {"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}],\
                 "usage":{"prompt_tokens":40,"completion_tokens":10}}

                data: [DONE]


                """.utf8))
        }
        defer { server.stop() }
        // 110 estimated fits 159; after 50 used, another 110 does not.
        let budget = Budget(BudgetLimit(tokens: 159), label: "the test budget")
        let service = Self.service(server, budget: budget)
        var text = ""
        for try await event in service.stream(Self.request, model: ModelID(provider: "test",
                                                                            model: "m")) {
            if case .textDelta(let delta) = event { text += delta }
        }
        #expect(text == "ok")
        #expect(budget.spent.tokens == 50)
        await #expect(throws: BudgetExceededError.self) {
            for try await _ in service.stream(Self.request, model: ModelID(provider: "test",
                                                                            model: "m")) {}
        }
        #expect(server.requests.count == 1)
    }

    @Test("what a call used replaces its estimate once it finishes")
    func usageIsReconciled() async throws {
        let server = try Self.server()
        defer { server.stop() }
        // Estimated at 10 + 100 tokens, $0.00082; each call used 50 tokens, $0.00016.
        let budget = Budget(BudgetLimit(dollars: Decimal(string: "0.001"), tokens: 160),
                            label: "the test budget")
        let service = Self.service(server, budget: budget)
        _ = try await service.complete(Self.request, model: "test/m")
        #expect(budget.spent == BudgetSpending(dollars: Decimal(string: "0.00016")!, tokens: 50))
        // 50 spent + 110 estimated fits 160 exactly; then 100 + 110 does not.
        _ = try await service.complete(Self.request, model: "test/m")
        await #expect(throws: BudgetExceededError.self) {
            try await service.complete(Self.request, model: "test/m")
        }
        #expect(server.requests.count == 2)
        #expect(budget.spent.tokens == 100)
    }

    @Test("a dollar budget refuses a model of unknown price rather than guess")
    func unknownPrice() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let service = Self.service(server)
        let budget = Budget(BudgetLimit(dollars: 1), label: "the test budget")
        let error = await #expect(throws: BudgetExceededError.self) {
            try await withBudget(budget) {
                try await service.complete(Self.request, model: "test/unpriced")
            }
        }
        #expect(error?.reason == .unknownPrice)
        #expect(error?.description.hasPrefix("The test budget is in dollars, and the price of test/unpriced is unknown") == true)
        #expect(server.requests.isEmpty)
    }

    @Test("withBudget holds for child tasks inside it and for nothing outside")
    func scopedToTheTask() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let service = Self.service(server)
        let budget = Budget(BudgetLimit(tokens: 200), label: "the scope's budget")
        // Inside: four concurrent child calls of 110 estimated tokens each. A second fits only
        // once the first has finished (50 + 110 ≤ 200), and a third never (100 + 110 > 200).
        let outcomes = await withBudget(budget) {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        (try? await service.complete(Self.request, model: "test/m")) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
        }
        #expect(outcomes.contains(false))
        #expect(server.requests.count == outcomes.count(where: { $0 }))
        #expect(budget.spent.tokens == 50 * outcomes.count(where: { $0 }))
        // Outside the scope the same calls are not held to it.
        for _ in 0..<3 { _ = try await service.complete(Self.request, model: "test/m") }
        #expect(budget.spent.tokens == 50 * outcomes.count(where: { $0 }))
    }

    @Test("a reply served from the response cache needs no room in the budget")
    func cacheHitsAreFree() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let budget = Budget(BudgetLimit(tokens: 110), label: "the test budget")
        var service = Self.service(server, budget: budget)
        service.responseCache = try ResponseCache(database: SQLiteDatabase(path: ":memory:"))
        let first = try await service.complete(Self.request, model: "test/m")
        #expect(!first.isCached)
        // 50 spent: another 110 would not fit, but the same request is answered unsent.
        let second = try await service.complete(Self.request, model: "test/m")
        #expect(second.isCached)
        #expect(server.requests.count == 1)
        #expect(budget.spent.tokens == 50)
        var other = Self.request
        other.sampleIndex = 1
        await #expect(throws: BudgetExceededError.self) {
            try await service.complete(other, model: "test/m")
        }
    }

    @Test("a failed call gives its reservation back")
    func failureReleases() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"error":{"message":"no such model"}}"#, status: 404)
        }
        defer { server.stop() }
        let budget = Budget(BudgetLimit(tokens: 110), label: "the test budget")
        let service = Self.service(server, budget: budget)
        for _ in 0..<2 {
            await #expect(throws: ModelError.self) {
                try await service.complete(Self.request, model: "test/m")
            }
        }
        #expect(server.requests.count == 2)
        #expect(budget.spent.tokens == 0)
    }
}
