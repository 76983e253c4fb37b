import Testing
import EmberEval

@Suite("Nearest-rank percentiles")
struct DistributionSummaryTests {
    @Test("one to ten: the p50 is 5 and the p95 and p99 are 10")
    func oneToTen() throws {
        let summary = try #require(DistributionSummary((1...10).reversed().map(Double.init)))
        #expect(summary.p50 == 5)
        #expect(summary.p95 == 10)
        #expect(summary.p99 == 10)
        #expect(summary.minimum == 1)
        #expect(summary.maximum == 10)
        #expect(summary.mean == 5.5)
        #expect(summary.count == 10)
    }

    @Test("one to a hundred: each percentile is the value of its rank")
    func oneToHundred() throws {
        let summary = try #require(DistributionSummary((1...100).map(Double.init)))
        #expect(summary.p50 == 50)
        #expect(summary.p95 == 95)
        #expect(summary.p99 == 99)
    }

    @Test("a percentile is always one of the values, never between two", arguments: [
        (0.0, 10.0), (0.25, 10.0), (0.26, 20.0), (0.5, 20.0), (0.51, 30.0), (1.0, 40.0),
    ])
    func observedValues(fraction: Double, expected: Double) {
        #expect(DistributionSummary.nearestRank(fraction, of: [10, 20, 30, 40]) == expected)
    }

    @Test("a single value is every percentile")
    func single() throws {
        let summary = try #require(DistributionSummary([0.42]))
        #expect([summary.p50, summary.p95, summary.p99] == [0.42, 0.42, 0.42])
    }

    @Test("no values give no summary")
    func empty() {
        #expect(DistributionSummary([]) == nil)
    }
}

@Suite("Histogram")
struct HistogramTests {
    @Test("values fall in equal bins, the largest in the last")
    func bins() {
        let histogram = Histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], binCount: 5)
        #expect(histogram.bins.map(\.count) == [2, 2, 2, 2, 3])
        #expect(histogram.bins.first?.lower == 0)
        #expect(histogram.bins.last?.upper == 10)
        #expect(histogram.largestCount == 3)
    }

    @Test("equal values make one bin; no values make none")
    func degenerate() {
        #expect(Histogram([3, 3, 3], binCount: 10).bins.map(\.count) == [3])
        #expect(Histogram([], binCount: 10).bins.isEmpty)
        #expect(Histogram([.nan, 1, 2], binCount: 2).bins.map(\.count) == [1, 1])
    }
}
