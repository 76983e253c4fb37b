import EmberModels
import EmberOperators
import EmberTestSupport
import Foundation
import Testing

@Suite("Model calls answered by the response cache", .timeLimit(.minutes(1)))
struct ModelCallerCacheTests {
    @Test("a cached ensemble reports $0 per call, with the original cost kept")
    func cachedEnsembleCostsNothing() async throws {
        let provider = ScriptedModelProvider { _, position in "sample \(position)" }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-caller-\(UUID().uuidString)/cache.db").path
        var service = ModelService(retryPolicy: .never,
                                   responseCache: try ResponseCache(path: path))
        service.register(provider, as: "openai", limits: RateLimits(maximumConcurrency: 100))
        let model = ModelID(provider: "openai", model: "gpt-4o-mini")
        let ensemble = UniformEnsemble(count: 5, model: model, temperature: 0.7,
                                       service: service)

        let first = try await ensemble("Q?")
        let second = try await ensemble("Q?")
        #expect(provider.calls.count == 5)
        #expect(second.map(\.text) == first.map(\.text))

        let paid = first.compactMap(\.call)
        let cached = second.compactMap(\.call)
        let originalCost = try #require(paid.totalCost)
        #expect(originalCost > 0)
        #expect(paid.allSatisfy { !$0.isCached && $0.originalCost == nil })
        #expect(cached.allSatisfy { $0.isCached && $0.cost == 0 })
        #expect(cached.totalCost == 0)
        #expect(cached.totalUsage == .zero)
        #expect(cached.savedCost == originalCost)
        #expect(cached.map(\.originalCost) == paid.map(\.cost))
    }
}
