import EmberTestSupport
import Synchronization
import Testing
@testable import EmberModels

@Suite("Token bucket")
struct TokenBucketTests {
    @Test("it starts full, refills at capacity per minute, and never exceeds capacity")
    func refill() {
        var bucket = TokenBucket(perMinute: 60, now: .zero)
        #expect(bucket.canTake(60))
        bucket.take(60)
        #expect(!bucket.canTake(1))
        #expect(bucket.timeUntilAvailable(1) == .seconds(1))
        bucket.refill(now: .seconds(10))
        #expect(bucket.available == 10)
        bucket.refill(now: .seconds(600))
        #expect(bucket.available == 60)
    }

    @Test("an amount over capacity waits for a full bucket instead of forever")
    func oversized() {
        var bucket = TokenBucket(perMinute: 100, now: .zero)
        #expect(bucket.canTake(500))
        bucket.take(500)
        #expect(bucket.available == -400)
        #expect(bucket.timeUntilAvailable(500) == .seconds(300))
    }

    @Test("a correction gives back what was over-estimated, up to capacity")
    func correction() {
        var bucket = TokenBucket(perMinute: 1000, now: .zero)
        bucket.take(800)
        bucket.giveBack(300)
        #expect(bucket.available == 500)
        bucket.giveBack(10_000)
        #expect(bucket.available == 1000)
    }
}

@Suite("Rate limiter", .timeLimit(.minutes(1)))
struct RateLimiterTests {
    /// Counts calls in flight and the most there ever were.
    final class Gauge: Sendable {
        private let counts = Mutex((current: 0, peak: 0))
        var peak: Int { counts.withLock { $0.peak } }
        func enter() {
            counts.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) }
        }
        func leave() { counts.withLock { $0.current -= 1 } }
    }

    @Test("ten thousand concurrent callers queue on it and all get through, 8 at a time")
    func manyCallers() async throws {
        let limiter = RateLimiter(RateLimits(maximumConcurrency: 8))
        let gauge = Gauge()
        let finished = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10_000 {
                group.addTask {
                    let permit = try await limiter.acquire()
                    gauge.enter()
                    await Task.yield()
                    gauge.leave()
                    limiter.release(permit)
                    return 1
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(finished == 10_000)
        #expect(gauge.peak == 8)
        #expect(limiter.inFlight == 0)
        #expect(limiter.waitingCount == 0)
    }

    @Test("a rate-limit answer halves the cap; successes grow it back to the maximum")
    func adaptiveCap() {
        let limiter = RateLimiter(RateLimits(maximumConcurrency: 16))
        limiter.recordRateLimited()
        #expect(limiter.currentConcurrencyLimit == 8)
        limiter.recordRateLimited()
        limiter.recordRateLimited()
        limiter.recordRateLimited()
        limiter.recordRateLimited()
        #expect(limiter.currentConcurrencyLimit == 1)
        for _ in 0..<30 { limiter.recordSuccess() }
        #expect(limiter.currentConcurrencyLimit == 16)
    }

    @Test("with the requests per minute spent, the next caller waits in the queue")
    func requestsPerMinute() async throws {
        // One request a minute: the second caller cannot be admitted for about a minute.
        let limiter = RateLimiter(RateLimits(maximumConcurrency: 10, requestsPerMinute: 1))
        limiter.release(try await limiter.acquire())
        let waiter = Task { try await limiter.acquire() }
        try await waitUntil { limiter.waitingCount > 0 }
        #expect(limiter.inFlight == 0)
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
        #expect(limiter.waitingCount == 0)
    }

    @Test("with the tokens per minute spent, a large call waits but a free slot does not help")
    func tokensPerMinute() async throws {
        let limiter = RateLimiter(RateLimits(maximumConcurrency: 10, tokensPerMinute: 1000))
        let first = try await limiter.acquire(estimatedTokens: 900)
        let waiter = Task { try await limiter.acquire(estimatedTokens: 500) }
        try await waitUntil { limiter.waitingCount > 0 }
        #expect(limiter.inFlight == 1)
        waiter.cancel()
        _ = try? await waiter.value
        limiter.release(first, actualTokens: 900)
    }

    @Test("a cancelled waiter leaves the queue at once with CancellationError")
    func cancellation() async throws {
        let limiter = RateLimiter(RateLimits(maximumConcurrency: 1))
        let held = try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        try await waitUntil { limiter.waitingCount > 0 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
        #expect(limiter.waitingCount == 0)
        limiter.release(held)
        #expect(limiter.inFlight == 0)
    }

    @Test("the true token count corrects the estimate")
    func tokenCorrection() async throws {
        let limiter = RateLimiter(RateLimits(tokensPerMinute: 1000))
        let permit = try await limiter.acquire(estimatedTokens: 900)
        limiter.release(permit, actualTokens: 100)
        // 900 was taken, 800 given back: 900 are left, so 850 more are admitted at once.
        let next = try await limiter.acquire(estimatedTokens: 850)
        limiter.release(next, actualTokens: 850)
        #expect(limiter.inFlight == 0)
    }
}
