/// The spread of a set of measurements: nearest-rank percentiles, extremes and the mean.
///
/// Percentiles use the nearest-rank definition: the p-th percentile of n sorted values is
/// the value at 1-based rank ⌈p × n⌉ (rank 1 when that is 0). It is always one of the
/// measurements, never a value between two of them, so a p99 latency is a latency an item
/// actually had. For 1 through 10 the p50 is 5, and the p95 and p99 are 10.
public struct DistributionSummary: Sendable, Hashable {
    /// How many values were summarised.
    public var count: Int
    /// The smallest value.
    public var minimum: Double
    /// The largest value.
    public var maximum: Double
    /// The arithmetic mean.
    public var mean: Double
    /// The median by nearest rank.
    public var p50: Double
    /// The 95th percentile by nearest rank.
    public var p95: Double
    /// The 99th percentile by nearest rank.
    public var p99: Double

    /// Summarises `values`, in any order; `nil` when there are none.
    public init?(_ values: [Double]) {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        count = sorted.count
        minimum = first
        maximum = last
        mean = sorted.reduce(0, +) / Double(sorted.count)
        p50 = Self.nearestRank(0.50, of: sorted)
        p95 = Self.nearestRank(0.95, of: sorted)
        p99 = Self.nearestRank(0.99, of: sorted)
    }

    /// The nearest-rank percentile of values sorted in ascending order.
    ///
    /// - Parameters:
    ///   - fraction: The percentile as a fraction, from 0 to 1 (0.95 for the p95); values
    ///     outside that range are clamped to it.
    ///   - sorted: The values, sorted ascending and not empty.
    /// - Returns: The value at rank ⌈fraction × count⌉, or the smallest for fraction 0.
    public static func nearestRank(_ fraction: Double, of sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty, "a percentile of no values is undefined")
        let clamped = min(max(fraction, 0), 1)
        // Rounding first keeps 0.95 × 100 (94.99999…) at rank 95, as a person would count.
        let exact = (clamped * Double(sorted.count) * 1e9).rounded() / 1e9
        let rank = max(1, Int(exact.rounded(.up)))
        return sorted[min(rank, sorted.count) - 1]
    }
}
