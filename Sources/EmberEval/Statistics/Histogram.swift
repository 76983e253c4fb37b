/// Counts of values in equal-width bins, for drawing a distribution.
public struct Histogram: Sendable, Hashable {
    /// One bin: the values from ``lower`` up to, not including, ``upper`` (the last bin
    /// includes its upper bound).
    public struct Bin: Sendable, Hashable {
        /// The bin's lower bound.
        public var lower: Double
        /// The bin's upper bound.
        public var upper: Double
        /// How many values fell in the bin.
        public var count: Int
    }

    /// The bins, lowest first; empty when there were no values.
    public var bins: [Bin]

    /// Sorts `values` into `binCount` bins spanning their smallest to their largest.
    ///
    /// When every value is the same there is a single bin of zero width holding them all.
    /// Non-finite values are left out.
    ///
    /// - Parameter binCount: How many bins to make; at least one.
    public init(_ values: [Double], binCount: Int) {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            bins = []
            return
        }
        guard high > low else {
            bins = [Bin(lower: low, upper: high, count: finite.count)]
            return
        }
        let count = max(1, binCount)
        let width = (high - low) / Double(count)
        var counts = Array(repeating: 0, count: count)
        for value in finite {
            counts[min(count - 1, Int((value - low) / width))] += 1
        }
        bins = counts.indices.map { index in
            Bin(lower: low + Double(index) * width,
                upper: index == count - 1 ? high : low + Double(index + 1) * width,
                count: counts[index])
        }
    }

    /// The most values in any one bin; 0 when there are none.
    public var largestCount: Int { bins.map(\.count).max() ?? 0 }
}
