/// When and how long to wait before trying a failed model call again.
///
/// A failure is retried when it may pass: rate limits, overload, server faults, timeouts,
/// dropped connections and streams cut short (see ``ModelError/isRetryable``). A delay the
/// server asked for (`Retry-After`, `retry-after-ms`) is honoured exactly; a request to wait
/// longer than ``maximumRetryAfter`` fails at once, carrying the delay asked for. Otherwise
/// the delay grows exponentially from ``baseDelay``, capped at ``maximumBackoff``, with
/// "equal jitter": a random point in the upper half of the step, so that callers who failed
/// together do not retry together.
public struct RetryPolicy: Sendable, Hashable {
    /// The most attempts, the first included; 1 means no retry.
    public var maximumAttempts: Int
    /// The delay before the first retry, before jitter.
    public var baseDelay: Duration
    /// The longest exponential delay, before jitter.
    public var maximumBackoff: Duration
    /// The longest server-requested delay that is waited out rather than failed on.
    public var maximumRetryAfter: Duration

    /// Creates a policy.
    public init(maximumAttempts: Int = 4, baseDelay: Duration = .milliseconds(500),
                maximumBackoff: Duration = .seconds(20),
                maximumRetryAfter: Duration = .seconds(60)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumBackoff = maximumBackoff
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// Four attempts, 0.5 s base delay, server delays up to 60 s honoured.
    public static let standard = RetryPolicy()
    /// A single attempt.
    public static let never = RetryPolicy(maximumAttempts: 1)

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Hashable {
        /// Try again after this delay.
        case retry(after: Duration)
        /// Give up and throw the error.
        case giveUp
    }

    /// Decides whether attempt number `attempt` (counting from 1), which failed with
    /// `error`, is followed by another, and after what delay.
    public func decision(afterAttempt attempt: Int, error: any Error,
                         using random: inout some RandomNumberGenerator) -> Decision {
        guard attempt < maximumAttempts, Self.isRetryable(error) else { return .giveUp }
        if let requested = (error as? ModelError)?.retryAfter {
            return requested <= maximumRetryAfter ? .retry(after: requested) : .giveUp
        }
        let exponent = min(attempt - 1, 30)
        let step = min(baseDelay * (1 << exponent), maximumBackoff)
        return .retry(after: step * Double.random(in: 0.5...1.0, using: &random))
    }

    /// Runs `operation` until it succeeds, the policy gives up, or the task is cancelled.
    ///
    /// - Parameters:
    ///   - clock: The clock to wait on; tests pass one that records the waits.
    ///   - onRetry: Told of each retry: the attempt that failed, its error, the delay.
    /// - Throws: The last attempt's error, or `CancellationError`.
    public func execute<Result: Sendable, C: Clock<Duration>>(
        clock: C,
        onRetry: (_ attempt: Int, _ error: any Error, _ delay: Duration) -> Void = { _, _, _ in },
        _ operation: () async throws -> Result
    ) async throws -> Result {
        var random = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch {
                if error is CancellationError || Task.isCancelled { throw error }
                guard case .retry(let delay) = decision(afterAttempt: attempt, error: error,
                                                        using: &random)
                else { throw error }
                onRetry(attempt, error, delay)
                try await clock.sleep(for: delay)
                attempt += 1
            }
        }
    }

    /// Whether an error from a model call may pass on a later attempt.
    public static func isRetryable(_ error: any Error) -> Bool {
        switch error {
        case let error as ModelError:
            error.isRetryable
        case let error as HTTPClientError:
            !error.isInvalidRequest
        default:
            false
        }
    }
}
