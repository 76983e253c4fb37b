import EmberModels
import Synchronization

/// Holds every call that waits on it until `count` calls wait at once; later calls pass.
///
/// A call that waits proves, with no timing, that `count` calls were in flight together:
/// made one after another, the first would never return.
final class ArrivalGate: Sendable {
    /// The calls held so far, or `nil` once the gate has opened.
    private let held = Mutex<[CheckedContinuation<Void, Never>]?>([])
    private let count: Int

    init(count: Int) {
        self.count = count
    }

    /// Suspends until `count` calls have arrived, counting this one.
    func arriveAndWait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let released = held.withLock { held -> [CheckedContinuation<Void, Never>] in
                guard var waiting = held else { return [continuation] }
                waiting.append(continuation)
                held = waiting.count >= count ? nil : waiting
                return held == nil ? waiting : []
            }
            for waiting in released { waiting.resume() }
        }
    }
}

/// A provider that counts the calls in flight, holds them at a gate when one is set, and
/// then lets `base` answer.
final class GatedProvider: ModelProvider {
    private struct State {
        var gate: ArrivalGate?
        var inFlight = 0
        var peakInFlight = 0
    }

    private let base: any ModelProvider
    private let state = Mutex(State())

    init(_ base: any ModelProvider) {
        self.base = base
    }

    /// Makes every later call wait until `count` calls are in flight at once.
    func requireConcurrency(_ count: Int) {
        state.withLock { $0.gate = ArrivalGate(count: count) }
    }

    /// The most calls that were in flight at once.
    var peakInFlight: Int { state.withLock { $0.peakInFlight } }

    func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        let gate = state.withLock { state -> ArrivalGate? in
            state.inFlight += 1
            state.peakInFlight = max(state.peakInFlight, state.inFlight)
            return state.gate
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        await gate?.arriveAndWait()
        return try await base.complete(request, model: model)
    }
}

/// A provider whose reply names what decided it: its tag, the model, the temperature and
/// the prompt, so a reply handed to the wrong call shows.
final class EchoProvider: ModelProvider {
    private let tag: String
    private let calls = Mutex(0)

    init(tag: String) {
        self.tag = tag
    }

    /// How many calls the provider has answered.
    var callCount: Int { calls.withLock { $0 } }

    func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        calls.withLock { $0 += 1 }
        let prompt = request.messages.last { $0.role == .user }?.content ?? ""
        let temperature = request.parameters.temperature.map { "\($0)" } ?? "default"
        return ModelResponse(text: "\(tag)/\(model) t=\(temperature): \(prompt)",
                             finishReason: .stop, usage: nil)
    }
}

extension ModelService {
    /// A service whose provider `test` is `provider`, with no retries and room for every
    /// call at once.
    static func testing(_ provider: any ModelProvider) -> ModelService {
        var service = ModelService(retryPolicy: .never)
        service.register(provider, as: "test", limits: RateLimits(maximumConcurrency: 10_000))
        return service
    }
}
