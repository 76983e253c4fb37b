/// A budget that refills continuously: `capacity` units per minute, never more than
/// `capacity` held.
///
/// A pure value: the caller passes the time, so the arithmetic is testable without waiting.
struct TokenBucket: Sendable, Hashable {
    /// Units granted per minute, and the most the bucket holds.
    let capacity: Double
    private(set) var available: Double
    private var lastRefill: Duration

    init(perMinute capacity: Int, now: Duration) {
        self.capacity = Double(max(1, capacity))
        self.available = self.capacity
        self.lastRefill = now
    }

    private var ratePerSecond: Double { capacity / 60 }

    /// Adds what has accrued since the last refill.
    mutating func refill(now: Duration) {
        let elapsed = max(0, (now - lastRefill).seconds)
        available = min(capacity, available + elapsed * ratePerSecond)
        lastRefill = now
    }

    /// Whether `amount` can be taken now. An amount larger than the capacity is allowed when
    /// the bucket is full, so that one oversized request is slow, not impossible.
    func canTake(_ amount: Double) -> Bool {
        available >= min(amount, capacity)
    }

    /// Takes `amount`; the balance may go negative after a correction.
    mutating func take(_ amount: Double) {
        available -= amount
    }

    /// Returns units taken in excess (a correction after the true count is known).
    mutating func giveBack(_ amount: Double) {
        available = min(capacity, available + amount)
    }

    /// How long until `amount` can be taken.
    func timeUntilAvailable(_ amount: Double) -> Duration {
        let missing = min(amount, capacity) - available
        guard missing > 0 else { return .zero }
        return .milliseconds(Int64((missing / ratePerSecond * 1000).rounded(.up)))
    }
}
