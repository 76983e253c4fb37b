import EmberTestSupport
import Foundation
import Testing
@testable import EmberModels

@Suite("Response cache through ModelService", .timeLimit(.minutes(1)))
struct ResponseCacheTests {
    static func sample(_ index: Int?, prompt: String = "Name a colour.") -> ModelRequest {
        var request = ModelRequest(prompt: prompt,
                                   parameters: ModelParameters(temperature: 0.7))
        request.sampleIndex = index
        return request
    }

    /// Five samples of one prompt, sent concurrently, in sample order.
    static func ensemble(_ service: ModelService) async throws -> [ModelResponse] {
        try await withThrowingTaskGroup(of: (Int, ModelResponse).self) { group in
            for index in 0..<5 {
                group.addTask {
                    (index, try await service.complete(sample(index), model: pricedModel))
                }
            }
            var responses = [ModelResponse?](repeating: nil, count: 5)
            for try await (index, response) in group { responses[index] = response }
            return responses.compactMap { $0 }
        }
    }

    @Test("an ensemble of 5 makes 5 calls the first time and none the second, same 5 back")
    func ensembleOfFive() async throws {
        let provider = ScriptedModelProvider { _, position in "colour \(position)" }
        let cache = try ResponseCache(path: temporaryCachePath())
        let service = cachedService(provider, cache: cache)

        let first = try await Self.ensemble(service)
        #expect(provider.calls.count == 5)
        #expect(Set(provider.calls.compactMap(\.sampleIndex)) == [0, 1, 2, 3, 4])
        #expect(Set(first.compactMap(\.text)).count == 5)
        #expect(first.allSatisfy { !$0.isCached })

        let second = try await Self.ensemble(service)
        #expect(provider.calls.count == 5)
        #expect(second.map(\.text) == first.map(\.text))
        #expect(second.allSatisfy { $0.isCached })
        #expect(try cache.statistics().entryCount == 5)
        #expect(try cache.statistics().hitCount == 5)
    }

    @Test("a new process sees the entries: the cache is on disk")
    func persists() async throws {
        let path = temporaryCachePath()
        let provider = ScriptedModelProvider { _, _ in "blue" }
        _ = try await cachedService(provider, cache: try ResponseCache(path: path))
            .complete(Self.sample(nil), model: pricedModel)
        let reopened = cachedService(UnreachableProvider(),
                                     cache: try ResponseCache(path: path))
        let response = try await reopened.complete(Self.sample(nil), model: pricedModel)
        #expect(response.text == "blue")
        #expect(response.isCached)
        #expect(response.usage == TokenUsage(inputTokens: 10, outputTokens: 5))
        #expect(response.finishReason == .stop)
    }

    @Test("identical concurrent requests are coalesced into one provider call")
    func coalescing() async throws {
        let provider = GatedProvider()
        let cache = try ResponseCache(path: temporaryCachePath())
        let usage = UsageService()
        let service = cachedService(provider, cache: cache, usage: usage)
        let tasks = (0..<6).map { _ in
            Task { try await service.complete(Self.sample(1), model: pricedModel) }
        }
        try await waitUntil { cache.waitingCallCount == 6 && provider.callCount == 1 }
        #expect(provider.callCount == 1)
        provider.gate.open()
        var responses: [ModelResponse] = []
        for task in tasks { responses.append(try await task.value) }
        #expect(provider.callCount == 1)
        #expect(Set(responses.compactMap(\.text)) == ["reply 1"])
        #expect(responses.count(where: { !$0.isCached }) == 1)
        // One call paid for, five served from it at no cost.
        #expect(usage.allRecords.count == 6)
        #expect(usage.allRecords.count(where: \.isCacheHit) == 5)
        #expect(usage.totals().usage == TokenUsage(inputTokens: 10, outputTokens: 5))
    }

    @Test("a cancelled waiter leaves; the others still get the shared call's reply")
    func cancelledWaiter() async throws {
        let provider = GatedProvider()
        let cache = try ResponseCache(path: temporaryCachePath())
        let service = cachedService(provider, cache: cache)
        let tasks = (0..<3).map { _ in
            Task { try await service.complete(Self.sample(1), model: pricedModel) }
        }
        try await waitUntil { cache.waitingCallCount == 3 && provider.callCount == 1 }
        tasks[0].cancel()
        await #expect(throws: CancellationError.self) { try await tasks[0].value }
        #expect(cache.waitingCallCount == 2)
        provider.gate.open()
        #expect(try await tasks[1].value.text == "reply 1")
        #expect(try await tasks[2].value.text == "reply 1")
        #expect(provider.cancelledCount == 0)
        #expect(try cache.statistics().entryCount == 1)
    }

    @Test("when every waiter is cancelled, the shared call is cancelled too")
    func everyWaiterCancelled() async throws {
        let provider = GatedProvider()
        let cache = try ResponseCache(path: temporaryCachePath())
        let service = cachedService(provider, cache: cache)
        let tasks = (0..<2).map { _ in
            Task { try await service.complete(Self.sample(1), model: pricedModel) }
        }
        try await waitUntil { cache.waitingCallCount == 2 && provider.callCount == 1 }
        for task in tasks { task.cancel() }
        for task in tasks {
            await #expect(throws: CancellationError.self) { try await task.value }
        }
        provider.gate.open()
        try await waitUntil { provider.cancelledCount == 1 }
        #expect(try cache.statistics().entryCount == 0)
    }

    @Test("a failed shared call fails every waiter once; the next request calls again")
    func failureIsNotCached() async throws {
        let provider = GatedProvider(failures: 1)
        let cache = try ResponseCache(path: temporaryCachePath())
        let service = cachedService(provider, cache: cache)
        let tasks = (0..<3).map { _ in
            Task { try await service.complete(Self.sample(1), model: pricedModel) }
        }
        try await waitUntil { cache.waitingCallCount == 3 && provider.callCount == 1 }
        provider.gate.open()
        for task in tasks {
            await #expect(throws: GatedProvider.Failure.self) { try await task.value }
        }
        let retried = try await service.complete(Self.sample(1), model: pricedModel)
        #expect(retried.text == "reply 2")
        #expect(!retried.isCached)
        #expect(provider.callCount == 2)
    }

    @Test("read-only answers from the cache and writes nothing")
    func readOnly() async throws {
        let path = temporaryCachePath()
        let provider = ScriptedModelProvider { _, position in "reply \(position)" }
        let readOnly = cachedService(provider,
                                     cache: try ResponseCache(path: path, mode: .readOnly))
        _ = try await readOnly.complete(Self.sample(nil), model: pricedModel)
        _ = try await readOnly.complete(Self.sample(nil), model: pricedModel)
        #expect(provider.calls.count == 2)
        let cache = try ResponseCache(path: path)
        #expect(try cache.statistics().entryCount == 0)

        let writer = cachedService(provider, cache: cache)
        _ = try await writer.complete(Self.sample(nil, prompt: "Stored"), model: pricedModel)
        let hit = try await readOnly.complete(Self.sample(nil, prompt: "Stored"),
                                              model: pricedModel)
        #expect(hit.isCached)
        #expect(hit.text == "reply 2")
        #expect(provider.calls.count == 3)
        // Not even the hit count is written.
        #expect(try cache.statistics().hitCount == 0)
    }

    @Test("record always calls and stores; replay answers from the recording only")
    func recordThenReplay() async throws {
        let path = temporaryCachePath()
        let provider = ScriptedModelProvider { _, position in "take \(position)" }
        let recorder = cachedService(provider,
                                     cache: try ResponseCache(path: path, mode: .record))
        _ = try await recorder.complete(Self.sample(0), model: pricedModel)
        let second = try await recorder.complete(Self.sample(0), model: pricedModel)
        #expect(provider.calls.count == 2)
        #expect(!second.isCached)

        let player = cachedService(UnreachableProvider(),
                                   cache: try ResponseCache(path: path, mode: .replay))
        let replayed = try await player.complete(Self.sample(0), model: pricedModel)
        #expect(replayed.text == "take 1")
        #expect(replayed.isCached)
    }

    @Test("replay of a request not recorded fails, naming the model and the file")
    func replayMiss() async throws {
        let path = temporaryCachePath()
        let player = cachedService(UnreachableProvider(),
                                   cache: try ResponseCache(path: path, mode: .replay))
        let error = await #expect(throws: ResponseCacheError.self) {
            try await player.complete(Self.sample(0), model: pricedModel)
        }
        #expect(error?.isNotRecorded == true)
        let text = error?.description ?? ""
        #expect(text.contains("openai/gpt-4o-mini"))
        #expect(text.contains("was not recorded"))
        #expect(text.contains(path))

        let stream = player.stream(Self.sample(0), model: pricedModel)
        await #expect(throws: ResponseCacheError.self) {
            for try await _ in stream {}
        }
    }

    @Test("an entry past its time to live is a miss, and is replaced")
    func timeToLive() async throws {
        let clock = ManualClock()
        let cache = try ResponseCache(path: temporaryCachePath(), timeToLive: .seconds(60),
                                      now: { clock.now })
        let provider = ScriptedModelProvider { _, position in "reply \(position)" }
        let service = cachedService(provider, cache: cache)
        _ = try await service.complete(Self.sample(nil), model: pricedModel)
        clock.advance(by: 59)
        #expect(try await service.complete(Self.sample(nil), model: pricedModel).isCached)
        clock.advance(by: 1)
        #expect(try cache.statistics().expiredCount == 1)
        let refreshed = try await service.complete(Self.sample(nil), model: pricedModel)
        #expect(!refreshed.isCached)
        #expect(refreshed.text == "reply 1")
        #expect(provider.calls.count == 2)
        let statistics = try cache.statistics()
        #expect(statistics.entryCount == 1)
        #expect(statistics.expiredCount == 0)
        #expect(statistics.newest == clock.now)
    }

    @Test("clear removes the expired entries, or all of them")
    func clear() async throws {
        let clock = ManualClock()
        let cache = try ResponseCache(path: temporaryCachePath(), timeToLive: .seconds(60),
                                      now: { clock.now })
        let service = cachedService(ScriptedModelProvider { _, _ in "x" }, cache: cache)
        _ = try await service.complete(Self.sample(0), model: pricedModel)
        clock.advance(by: 120)
        _ = try await service.complete(Self.sample(1), model: pricedModel)
        #expect(try cache.clear(expiredOnly: true) == 1)
        #expect(try cache.statistics().entryCount == 1)
        #expect(try cache.clear() == 1)
        #expect(try cache.statistics().entryCount == 0)
    }

    @Test("a hit records no cost, with the original cost beside it")
    func usageOfAHit() async throws {
        let usage = UsageService()
        let cache = try ResponseCache(path: temporaryCachePath())
        let service = cachedService(ScriptedModelProvider { _, _ in "x" }, cache: cache,
                                    usage: usage)
        _ = try await service.complete(Self.sample(nil), model: pricedModel)
        let hit = try await service.complete(Self.sample(nil), model: pricedModel)
        let original = try #require(usage.cost(of: TokenUsage(inputTokens: 10, outputTokens: 5),
                                               model: pricedModel))
        #expect(original > 0)
        let records = usage.allRecords
        #expect(records.map(\.isCacheHit) == [false, true])
        #expect(records[1].cost == 0)
        #expect(records[1].originalCost == original)
        #expect(usage.cost(of: hit, model: pricedModel) == 0)
        let totals = usage.totals()
        #expect(totals.calls == 2)
        #expect(totals.cacheHits == 1)
        #expect(totals.cost == original)
        #expect(totals.savedCost == original)
        #expect(totals.usage.totalTokens == 15)
        let statistics = try cache.statistics()
        #expect(statistics.savedCost == original)
        #expect(statistics.models.map(\.model) == ["openai/gpt-4o-mini"])
    }

    @Test("a streamed reply is stored; a streaming hit yields its text, then the response")
    func streaming() async throws {
        let provider = ScriptedModelProvider { _, _ in "streamed reply" }
        let cache = try ResponseCache(path: temporaryCachePath())
        let usage = UsageService()
        let service = cachedService(provider, cache: cache, usage: usage)
        var first: [ModelStreamEvent] = []
        for try await event in service.stream(Self.sample(nil), model: pricedModel) {
            first.append(event)
        }
        #expect(provider.calls.count == 1)
        #expect(try cache.statistics().entryCount == 1)

        var second: [ModelStreamEvent] = []
        for try await event in service.stream(Self.sample(nil), model: pricedModel) {
            second.append(event)
        }
        #expect(provider.calls.count == 1)
        guard second.count == 2, case .textDelta(let text) = second[0],
              case .completed(let response) = second[1] else {
            Issue.record("expected a delta and a completion, got \(second)")
            return
        }
        #expect(text == "streamed reply")
        #expect(response.isCached)
        #expect(response.text == "streamed reply")
        #expect(usage.allRecords.map(\.isCacheHit) == [false, true])
        // complete() is answered from the streamed entry too.
        #expect(try await service.complete(Self.sample(nil), model: pricedModel).isCached)
    }

    @Test("off mode neither reads nor writes")
    func off() async throws {
        let path = temporaryCachePath()
        let provider = ScriptedModelProvider { _, _ in "x" }
        let service = cachedService(provider, cache: try ResponseCache(path: path, mode: .off))
        _ = try await service.complete(Self.sample(nil), model: pricedModel)
        _ = try await service.complete(Self.sample(nil), model: pricedModel)
        #expect(provider.calls.count == 2)
        #expect(try ResponseCache(path: path).statistics().entryCount == 0)
    }
}
