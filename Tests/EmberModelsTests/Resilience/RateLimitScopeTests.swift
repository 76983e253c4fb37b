import EmberTestSupport
import Testing
@testable import EmberModels

@Suite("Rate limits per provider or per model", .timeLimit(.minutes(1)))
struct RateLimitScopeTests {
    /// Starts a call to `test/a` that holds the only slot of a cap of 1, then a call to
    /// `test/b`, and waits until the second has either reached the provider or queued.
    ///
    /// - Returns: Whether the call to `b` reached the provider while `a` still held its slot.
    func secondModelRunsBesideFirst(scope: RateLimitScope) async throws -> Bool {
        let provider = GatedProvider()
        var configured = ModelService(retryPolicy: .never)
        configured.register(provider, as: "test",
                            limits: RateLimits(maximumConcurrency: 1, scope: scope))
        let service = configured
        let first = Task {
            try await service.complete(ModelRequest(prompt: "x"), model: "test/a")
        }
        try await waitUntil { provider.callCount == 1 }
        let second = Task {
            try await service.complete(ModelRequest(prompt: "y"), model: "test/b")
        }
        let modelB = ModelID(provider: "test", model: "b")
        let limiterOfB = try #require(service.rateLimiter(for: modelB))
        try await waitUntil { provider.callCount == 2 || limiterOfB.waitingCount == 1 }
        let ranBeside = provider.callCount == 2
        provider.gate.open()
        _ = try await first.value
        _ = try await second.value
        #expect(provider.callCount == 2)
        return ranBeside
    }

    @Test("two models of a per-model provider do not share a concurrency cap")
    func perModel() async throws {
        #expect(try await secondModelRunsBesideFirst(scope: .perModel))
    }

    @Test("two models of a per-provider provider share one concurrency cap")
    func perProvider() async throws {
        #expect(try await !secondModelRunsBesideFirst(scope: .perProvider))
    }

    @Test("per model, each model gets one limiter of its own, kept for later calls")
    func limiterIdentity() throws {
        var service = ModelService()
        service.register(GatedProvider(), as: "shared", limits: RateLimits())
        service.register(GatedProvider(), as: "split", limits: RateLimits(scope: .perModel))
        func limiter(_ provider: String, _ model: String) throws -> RateLimiter {
            try #require(service.rateLimiter(for: ModelID(provider: provider, model: model)))
        }
        #expect(try limiter("shared", "a") === limiter("shared", "b"))
        #expect(try limiter("shared", "a") === service.rateLimiter(for: "shared"))
        #expect(try limiter("split", "a") !== limiter("split", "b"))
        #expect(try limiter("split", "a") === limiter("split", "a"))
        #expect(service.rateLimiter(for: "split") == nil)
    }
}
