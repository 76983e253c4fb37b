import Synchronization

/// What a model service is doing right now: calls being answered, calls waiting for their
/// provider's rate limit, and calls backing off before a retry. A progress line reads it so
/// that a run waiting on a limit says so instead of looking stuck.
public final class ModelActivity: Sendable {
    /// One reading of the gauges.
    public struct Snapshot: Sendable, Hashable {
        /// Calls sent and not yet answered.
        public var inFlight: Int
        /// Calls waiting for a rate limiter to admit them.
        public var waitingOnRateLimit: Int
        /// Calls waiting out a back-off before their next attempt.
        public var waitingOnRetry: Int
        /// The longest a call now backing off still has to wait, or `nil` when none is.
        public var longestRetryWait: Duration?
        /// Retries made since the service was created.
        public var retries: Int
    }

    private struct State {
        var inFlight = 0
        var waitingOnRateLimit = 0
        var retryDeadlines: [Int: ContinuousClock.Instant] = [:]
        var nextToken = 0
        var retries = 0
    }

    private let state = Mutex(State())

    /// Creates gauges at zero.
    public init() {}

    /// The gauges now.
    public var snapshot: Snapshot {
        let now = ContinuousClock.now
        return state.withLock { state in
            let longest = state.retryDeadlines.values.map { max(.zero, $0 - now) }.max()
            return Snapshot(inFlight: state.inFlight,
                            waitingOnRateLimit: state.waitingOnRateLimit,
                            waitingOnRetry: state.retryDeadlines.count,
                            longestRetryWait: longest, retries: state.retries)
        }
    }

    func sending<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        state.withLock { $0.inFlight += 1 }
        defer { state.withLock { $0.inFlight -= 1 } }
        return try await body()
    }

    func waitingOnRateLimit<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        state.withLock { $0.waitingOnRateLimit += 1 }
        defer { state.withLock { $0.waitingOnRateLimit -= 1 } }
        return try await body()
    }

    /// Marks a back-off of `delay` as started; the returned token ends it.
    func retryStarted(delay: Duration) -> Int {
        let deadline = ContinuousClock.now + delay
        return state.withLock { state in
            state.nextToken += 1
            state.retries += 1
            state.retryDeadlines[state.nextToken] = deadline
            return state.nextToken
        }
    }

    func retryEnded(_ token: Int) {
        _ = state.withLock { $0.retryDeadlines.removeValue(forKey: token) }
    }
}
