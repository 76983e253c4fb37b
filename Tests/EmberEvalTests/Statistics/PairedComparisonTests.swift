import EmberEval
import Foundation
import Testing

@Suite("Paired comparison of two runs")
struct PairedComparisonTests {
    func result(_ id: String, correct: Bool, cost: Decimal? = Decimal(string: "0.01"),
                seconds: Double = 1) -> EvaluationItemResult {
        EvaluationItemResult(
            recordID: id, gold: "7", response: correct ? "7" : "9",
            outcome: EvaluationOutcome(isCorrect: correct, extractedAnswer: correct ? "7" : "9",
                                       explanation: ""),
            error: nil, usage: nil, cost: cost, latency: .seconds(seconds))
    }

    /// 100 items: A right and B wrong on 15, B right and A wrong on 5, both right on 50 and
    /// both wrong on 30.
    func issueCase() -> (a: [EvaluationItemResult], b: [EvaluationItemResult]) {
        let outcomes: [(Bool, Bool)] = Array(repeating: (true, false), count: 15)
            + Array(repeating: (false, true), count: 5)
            + Array(repeating: (true, true), count: 50)
            + Array(repeating: (false, false), count: 30)
        let a = outcomes.enumerated().map { result("r\($0)", correct: $1.0) }
        let b = outcomes.enumerated().map { result("r\($0)", correct: $1.1, seconds: 2) }
        return (a, b.reversed())
    }

    @Test("McNemar's exact test: 15 against 5 discordant pairs gives p = 0.0414")
    func mcNemarCase() throws {
        let (a, b) = issueCase()
        let comparison = try PairedComparison(a: a, b: b)
        #expect(comparison.pairs.count == 100)
        #expect(comparison.onlyA.count == 15)
        #expect(comparison.onlyB.count == 5)
        #expect(abs(comparison.pValue - 0.041389) < 0.000001)
        #expect(abs(comparison.difference - -0.10) < 1e-12)
        #expect(comparison.a.accuracy == 0.65)
        #expect(comparison.b.accuracy == 0.55)
        // 21,700 / 2^20, doubled: P(X ≤ 5) for 20 fair flips.
        #expect(abs(McNemarTest.exactPValue(onlyA: 5, onlyB: 15) - 2.0 * 21_700 / 1_048_576)
            < 1e-12)
    }

    @Test("no discordant pairs: the difference is 0 and p = 1")
    func noDiscordantPairs() throws {
        let a = (0..<10).map { result("r\($0)", correct: $0 < 6) }
        let comparison = try PairedComparison(a: a, b: a)
        #expect(comparison.difference == 0)
        #expect(comparison.pValue == 1)
        #expect(comparison.differenceInterval.lower == 0)
        #expect(comparison.differenceInterval.upper == 0)
    }

    @Test("the bootstrap interval is seeded, brackets the difference, and narrows with items")
    func bootstrapInterval() throws {
        let (a, b) = issueCase()
        let first = try PairedComparison(a: a, b: b, seed: 7)
        let again = try PairedComparison(a: a, b: b, seed: 7)
        let other = try PairedComparison(a: a, b: b, seed: 8)
        #expect(first.differenceInterval == again.differenceInterval)
        #expect(first.resamples == 10_000)
        let interval = first.differenceInterval
        #expect(interval.lower < -0.10 && -0.10 < interval.upper)
        // The normal approximation's 95% half-width is about 0.087 for these pairs.
        #expect(abs((interval.upper - interval.lower) / 2 - 0.087) < 0.02)
        #expect(abs(other.differenceInterval.lower - interval.lower) <= 0.03)
        #expect(interval.upper < 0.0)
    }

    @Test("only the shared items are paired; none shared is an error")
    func sharedItems() throws {
        let a = [result("x", correct: true), result("y", correct: false)]
        let b = [result("y", correct: true), result("z", correct: true)]
        let comparison = try PairedComparison(a: a, b: b)
        #expect(comparison.pairs.map(\.recordID) == ["y"])
        #expect(comparison.onlyB.map(\.recordID) == ["y"])
        #expect(throws: ComparisonError.noSharedItems) {
            try PairedComparison(a: [result("x", correct: true)],
                                 b: [result("z", correct: true)])
        }
    }

    @Test("cost and latency per item and per correct answer; an unknown cost stays unknown")
    func costAndLatency() throws {
        let a = [result("p", correct: true), result("q", correct: false)]
        let b = [result("p", correct: true, cost: nil, seconds: 3),
                 result("q", correct: true, seconds: 5)]
        let comparison = try PairedComparison(a: a, b: b)
        #expect(comparison.a.cost == Decimal(string: "0.02"))
        #expect(comparison.a.costPerItem(of: 2) == Decimal(string: "0.01"))
        #expect(comparison.a.costPerCorrectAnswer == Decimal(string: "0.02"))
        #expect(comparison.b.cost == nil)
        #expect(comparison.b.costPerCorrectAnswer == nil)
        #expect(comparison.b.latency?.mean == 4)
        #expect(comparison.a.latency?.p50 == 1)
    }
}
