import Foundation
import Testing
@testable import EmberEval

@Suite("Terminal report")
struct TerminalReportTests {
    @Test("the figures: counts, latency percentiles, cost per correct answer, truncations")
    func figures() {
        let text = TerminalReport(title: "MMLU", summary: ReportFixtures.mixed).render()
        #expect(text.hasPrefix("MMLU\n\n"))
        #expect(text.contains("  Items               10\n"))
        #expect(text.contains("  Accuracy            70.0%  (95% Wilson CI 39.7%–89.2%)\n"))
        #expect(text.contains("  Truncated           1  (stopped at the token limit)\n"))
        #expect(text.contains("  Tokens per item     120.0\n"))
        #expect(text.contains("  Cost                $0.0090\n"))
        #expect(text.contains("  Cost per item       $0.0009\n"))
        #expect(text.contains("  Cost per correct    $0.001286\n"))
        #expect(text.contains(
            "  Latency             p50 0.50 s   p95 0.90 s   p99 0.90 s  (nearest rank)\n"))
        #expect(text.contains("  Throughput          2.50 items/s\n"))
        #expect(!text.contains("Mean score"))
    }

    @Test("a table of subsets, aligned, when there is more than one")
    func subsetTable() {
        let text = TerminalReport(title: "MMLU", summary: ReportFixtures.mixed).render()
        let expected = """
              Subset   Items  Correct  Accuracy       95% CI  Tokens     Cost
              algebra      5        3     60.0%  23.1%–88.2%     480  $0.0040
              biology      5        4     80.0%  37.6%–96.4%     600  $0.0050

            """
        #expect(text.hasSuffix(expected))
    }

    @Test("one subset: no subset table")
    func singleSubset() {
        let summary = ReportFixtures.summary([ReportFixtures.answered("a", subset: "x")])
        #expect(!TerminalReport(title: "T", summary: summary).render().contains("Subset"))
    }

    @Test("an unknown cost is said to be unknown, not $0")
    func unknownCost() {
        let summary = ReportFixtures.summary([ReportFixtures.answered("a", cost: nil)])
        let text = TerminalReport(title: "T", summary: summary).render()
        #expect(text.contains("  Cost                unknown (no prices for this model)\n"))
        #expect(!text.contains("Cost per"))
    }

    @Test("no items: no latency line, and nothing divides by zero")
    func empty() {
        let text = TerminalReport(title: "T", summary: ReportFixtures.summary([])).render()
        #expect(text.contains("  Items               0\n"))
        #expect(text.contains("  Accuracy            0.0%  (95% Wilson CI 0.0%–100.0%)\n"))
        #expect(!text.contains("Latency"))
        #expect(!text.contains("nan%") && !text.contains("inf"))
        #expect(text.contains("  Cost per correct    none correct\n"))
    }

    @Test("a header gives the run id, start date and state")
    func header() {
        let summary = ReportFixtures.summary([ReportFixtures.answered("a")], plannedCount: 5)
        let text = TerminalReport(header: ReportFixtures.header(isResumed: true),
                                  summary: summary).render()
        #expect(text.hasPrefix("MMLU · test · gpt-4o-mini\n"
            + "run run-0001 · started 2025-03-01T12:00:00Z · resumed · interrupted\n\n"))
        #expect(text.contains("  Items               1 of 5 (interrupted)\n"))
    }
}
