import EmberModels
import Foundation
import Testing
@testable import EmberEval

@Suite("Summary metrics")
struct EvaluationSummaryMetricsTests {
    let summary = ReportFixtures.mixed

    @Test("counts of correct, unanswered, failed and truncated items")
    func counts() {
        #expect(summary.itemCount == 10)
        #expect(summary.correctCount == 7)
        #expect(summary.unansweredCount == 1)
        #expect(summary.errorCount == 1)
        #expect(summary.answeredCount == 9)
        #expect(summary.truncatedCount == 1)
        #expect(summary.results.map(\.verdict).count(where: { $0 == .incorrect }) == 1)
        #expect(summary.accuracy == 0.7)
        #expect(summary.meanScore == 0.7)
    }

    @Test("a partial score counts in the mean score, a failed call as 0")
    func meanScore() {
        var partial = ReportFixtures.answered("p", extracted: "5")
        partial.outcome?.score = 0.5
        let summary = ReportFixtures.summary([partial, ReportFixtures.failed("f")])
        #expect(summary.meanScore == 0.25)
        #expect(ReportFixtures.summary([]).meanScore == nil)
    }

    @Test("tokens in total, per reporting item and per correct answer")
    func tokens() {
        #expect(summary.usage.totalTokens == 9 * 120)
        #expect(summary.usageReportedCount == 9)
        #expect(summary.tokensPerItem == 120)
        #expect(summary.tokensPerCorrectAnswer == Double(9 * 120) / 7)
    }

    @Test("cost in total, per item and per correct answer, in decimal")
    func cost() throws {
        #expect(summary.cost == Decimal(string: "0.009"))
        #expect(summary.costPerItem == Decimal(string: "0.0009"))
        let perCorrect = try #require(summary.costPerCorrectAnswer)
        #expect(ReportFormat.decimalString(perCorrect, scale: 10) == "0.0012857143")
    }

    @Test("an unknown cost stays unknown in every cost figure")
    func unknownCost() {
        let summary = ReportFixtures.summary([
            ReportFixtures.answered("a"), ReportFixtures.answered("b", cost: nil),
        ])
        #expect(summary.cost == nil)
        #expect(summary.costPerItem == nil)
        #expect(summary.costPerCorrectAnswer == nil)
    }

    @Test("nothing correct leaves the per-correct figures unknown")
    func noneCorrect() {
        let summary = ReportFixtures.summary([ReportFixtures.answered("a", extracted: "1")])
        #expect(summary.costPerCorrectAnswer == nil)
        #expect(summary.tokensPerCorrectAnswer == nil)
        #expect(summary.costPerItem == Decimal(string: "0.001"))
    }

    @Test("latency percentiles cover the answered items only, by nearest rank")
    func latency() throws {
        let latency = try #require(summary.latency)
        #expect(latency.count == 9)
        #expect(abs(latency.p50 - 0.5) < 1e-9)
        #expect(abs(latency.p95 - 0.9) < 1e-9)
        #expect(abs(latency.p99 - 0.9) < 1e-9)
        #expect(ReportFixtures.summary([ReportFixtures.failed("f")]).latency == nil)
    }

    @Test("wall time and throughput")
    func throughput() {
        #expect(summary.wallTime == .seconds(4))
        #expect(summary.itemsPerSecond == 2.5)
        #expect(ReportFixtures.summary([], wallTime: .zero).itemsPerSecond == 0)
    }

    @Test("subsets sorted by name, with their own counts, intervals, tokens and cost")
    func subsets() throws {
        let subsets = summary.subsets
        #expect(subsets.map(\.name) == ["algebra", "biology"])
        let algebra = try #require(subsets.first)
        #expect(algebra.itemCount == 5)
        #expect(algebra.correctCount == 3)
        #expect(algebra.errorCount == 1)
        #expect(algebra.accuracy == 0.6)
        #expect(algebra.accuracyInterval == .wilson(successes: 3, trials: 5))
        #expect(algebra.usage.totalTokens == 4 * 120)
        #expect(algebra.cost == Decimal(string: "0.004"))
    }

    @Test("items without a subset are grouped last")
    func unnamedSubsetLast() {
        let summary = ReportFixtures.summary([
            ReportFixtures.answered("a"), ReportFixtures.answered("b", subset: "zoology"),
            ReportFixtures.answered("c", subset: "anatomy"),
        ])
        #expect(summary.subsets.map(\.name) == ["anatomy", "zoology", nil])
    }

    @Test("each item has one verdict", arguments: [
        (ReportFixtures.answered("a"), EvaluationVerdict.correct),
        (ReportFixtures.answered("b", extracted: "5"), .incorrect),
        (ReportFixtures.answered("c", extracted: nil), .unanswered),
        (ReportFixtures.failed("d"), .error),
    ])
    func verdicts(result: EvaluationItemResult, verdict: EvaluationVerdict) {
        #expect(result.verdict == verdict)
    }
}
