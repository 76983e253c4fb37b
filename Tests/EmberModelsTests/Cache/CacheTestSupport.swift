import EmberTestSupport
import Foundation
import Synchronization
@testable import EmberModels

/// A fresh cache file in a folder of its own.
func temporaryCachePath() -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("ember-cache-\(UUID().uuidString)/cache.db").path
}

/// A date that tests move by hand, for time to live.
final class ManualClock: Sendable {
    private let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { date.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        date.withLock { $0 += seconds }
    }
}

/// A gate that calls wait at, asynchronously, until a test opens it.
final class AsyncGate: Sendable {
    private let state = Mutex((isOpen: false, waiters: [CheckedContinuation<Void, Never>]()))

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A provider whose calls wait at a gate, then answer "reply N" (N counting calls from 1)
/// or fail while `failures` lasts; it counts calls and the calls that saw cancellation.
final class GatedProvider: ModelProvider {
    struct Failure: Error {}

    private let state = Mutex((calls: 0, cancelled: 0, failures: 0))
    let gate = AsyncGate()

    init(failures: Int = 0) {
        state.withLock { $0.failures = failures }
    }

    var callCount: Int { state.withLock { $0.calls } }
    var cancelledCount: Int { state.withLock { $0.cancelled } }

    func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        let (number, fails) = state.withLock { state in
            state.calls += 1
            defer { state.failures -= 1 }
            return (state.calls, state.failures > 0)
        }
        await gate.wait()
        if Task.isCancelled {
            state.withLock { $0.cancelled += 1 }
            throw CancellationError()
        }
        if fails { throw Failure() }
        return ModelResponse(text: "reply \(number)", finishReason: .stop,
                             usage: TokenUsage(inputTokens: 10, outputTokens: 5),
                             model: model)
    }
}

/// A provider that must never be called: replay tests use it.
struct UnreachableProvider: ModelProvider {
    struct Reached: Error {}

    func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        throw Reached()
    }
}

/// A service with `provider` as `openai` (so gpt-4o-mini has prices) and `cache`.
func cachedService(_ provider: any ModelProvider, cache: ResponseCache?,
                   usage: UsageService = UsageService()) -> ModelService {
    var service = ModelService(usage: usage, retryPolicy: .never, responseCache: cache)
    service.register(provider, as: "openai", limits: RateLimits(maximumConcurrency: 1_000))
    return service
}

let pricedModel = ModelID(provider: "openai", model: "gpt-4o-mini")
