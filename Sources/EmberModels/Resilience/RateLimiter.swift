import Synchronization

/// What one rate limiter stands for: all the calls to a provider, or those to one model.
///
/// Providers differ: some count requests and tokens against the whole account, others
/// (OpenAI, Anthropic, Gemini) keep a separate budget for each model.
public enum RateLimitScope: String, Sendable, Hashable, CaseIterable {
    /// Every call to the provider shares one set of limits, whatever the model.
    case perProvider = "provider"
    /// Each model of the provider has its own set of limits: calls to two models do not
    /// wait for each other.
    case perModel = "model"
}

/// Limits of one provider, or of each of its models (``scope``).
public struct RateLimits: Sendable, Hashable {
    /// The most calls in flight at once.
    public var maximumConcurrency: Int
    /// Calls per minute, or `nil` for no limit.
    public var requestsPerMinute: Int?
    /// Tokens (input estimate plus output limit) per minute, or `nil` for no limit.
    public var tokensPerMinute: Int?
    /// Whether the limits bind the provider's calls together or each model's apart; by
    /// default the whole provider.
    public var scope: RateLimitScope

    /// Creates a set of limits.
    public init(maximumConcurrency: Int = 64, requestsPerMinute: Int? = nil,
                tokensPerMinute: Int? = nil, scope: RateLimitScope = .perProvider) {
        self.maximumConcurrency = max(1, maximumConcurrency)
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.scope = scope
    }
}

/// Admits model calls to one provider (or one model) within its limits: a concurrency cap, requests per
/// minute and tokens per minute.
///
/// Callers wait in a first-come queue of continuations, not on threads, so any number can
/// wait at once. The concurrency cap adapts: a rate-limit answer halves it, and each success
/// after that raises it by one, back up to the configured maximum. Cancelling a waiting
/// caller removes it from the queue.
public final class RateLimiter: Sendable {
    /// Proof of admission, handed back to ``release(_:actualTokens:)``.
    public struct Permit: Sendable {
        fileprivate let estimatedTokens: Int
    }

    private struct Waiter {
        var id: UInt64
        var tokens: Int
        var continuation: CheckedContinuation<Permit, any Error>
    }

    private struct State {
        var inFlight = 0
        var concurrencyLimit: Int
        var requests: TokenBucket?
        var tokens: TokenBucket?
        /// The queue: `waiters[head...]`, compacted now and then so that taking from the
        /// front is O(1) even with thousands waiting.
        var waiters: [Waiter] = []
        var head = 0
        var nextID: UInt64 = 0
        var wakeUpAt: Duration?
        /// Ids handed out whose callers have not joined the queue yet.
        var reserved: Set<UInt64> = []
        /// Reserved ids cancelled before their callers joined the queue.
        var cancelledEarly: Set<UInt64> = []
    }

    /// The limits configured.
    public let limits: RateLimits
    private let state: Mutex<State>
    private let start = ContinuousClock.now

    /// Creates a limiter.
    public init(_ limits: RateLimits) {
        self.limits = limits
        let now = Duration.zero
        state = Mutex(State(
            concurrencyLimit: limits.maximumConcurrency,
            requests: limits.requestsPerMinute.map { TokenBucket(perMinute: $0, now: now) },
            tokens: limits.tokensPerMinute.map { TokenBucket(perMinute: $0, now: now) }))
    }

    private var now: Duration { ContinuousClock.now - start }

    /// Calls in flight now.
    public var inFlight: Int { state.withLock { $0.inFlight } }
    /// The concurrency cap in force now (lower than the maximum after a rate limit).
    public var currentConcurrencyLimit: Int { state.withLock { $0.concurrencyLimit } }
    /// Callers waiting for admission.
    public var waitingCount: Int { state.withLock { $0.waiters.count - $0.head } }

    /// Waits until a call estimated at `estimatedTokens` may start.
    ///
    /// - Throws: `CancellationError` if the calling task is cancelled while it waits.
    public func acquire(estimatedTokens: Int = 0) async throws -> Permit {
        let id = state.withLock { state in
            state.nextID += 1
            state.reserved.insert(state.nextID)
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> [Waiter]? in
                    state.reserved.remove(id)
                    if state.cancelledEarly.remove(id) != nil { return nil }
                    state.waiters.append(Waiter(id: id, tokens: estimatedTokens,
                                                continuation: continuation))
                    return admit(&state)
                }
                if let ready {
                    resume(ready)
                } else {
                    continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> Waiter? in
                if let index = state.waiters[state.head...].firstIndex(where: { $0.id == id }) {
                    return state.waiters.remove(at: index)
                }
                if state.reserved.contains(id) { state.cancelledEarly.insert(id) }
                return nil
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Ends an admitted call, correcting the token estimate with the true count if known.
    public func release(_ permit: Permit, actualTokens: Int? = nil) {
        let ready = state.withLock { state -> [Waiter] in
            state.inFlight -= 1
            if let actualTokens, state.tokens != nil {
                let difference = Double(actualTokens - permit.estimatedTokens)
                if difference > 0 {
                    state.tokens?.take(difference)
                } else {
                    state.tokens?.giveBack(-difference)
                }
            }
            return admit(&state)
        }
        resume(ready)
    }

    /// Tells the limiter the provider answered "too many requests": the cap halves.
    public func recordRateLimited() {
        state.withLock { $0.concurrencyLimit = max(1, $0.concurrencyLimit / 2) }
    }

    /// Tells the limiter a call succeeded: a lowered cap grows back by one.
    public func recordSuccess() {
        let ready = state.withLock { state -> [Waiter] in
            state.concurrencyLimit = min(limits.maximumConcurrency, state.concurrencyLimit + 1)
            return admit(&state)
        }
        resume(ready)
    }

    /// Admits waiters from the front of the queue while the limits allow; schedules a
    /// wake-up when a bucket is what holds the next one back.
    private func admit(_ state: inout State) -> [Waiter] {
        let now = self.now
        state.requests?.refill(now: now)
        state.tokens?.refill(now: now)
        var admitted: [Waiter] = []
        while state.head < state.waiters.count, state.inFlight < state.concurrencyLimit {
            let next = state.waiters[state.head]
            let tokens = Double(next.tokens)
            let waitForRequests = state.requests.map { $0.timeUntilAvailable(1) } ?? .zero
            let waitForTokens = state.tokens.map { $0.timeUntilAvailable(tokens) } ?? .zero
            let wait = max(waitForRequests, waitForTokens)
            guard wait == .zero else {
                scheduleWakeUp(after: wait, now: now, state: &state)
                break
            }
            state.head += 1
            state.inFlight += 1
            state.requests?.take(1)
            state.tokens?.take(tokens)
            admitted.append(next)
        }
        if state.head > 1024 && state.head * 2 > state.waiters.count {
            state.waiters.removeFirst(state.head)
            state.head = 0
        }
        return admitted
    }

    private func scheduleWakeUp(after wait: Duration, now: Duration, state: inout State) {
        let at = now + wait
        if let scheduled = state.wakeUpAt, scheduled <= at { return }
        state.wakeUpAt = at
        Task { [self] in
            try? await Task.sleep(for: wait)
            let ready = self.state.withLock { state -> [Waiter] in
                if state.wakeUpAt == at { state.wakeUpAt = nil }
                return admit(&state)
            }
            resume(ready)
        }
    }

    private func resume(_ waiters: [Waiter]) {
        for waiter in waiters {
            waiter.continuation.resume(returning: Permit(estimatedTokens: waiter.tokens))
        }
    }
}
