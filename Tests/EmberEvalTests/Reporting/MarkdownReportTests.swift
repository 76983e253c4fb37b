import Foundation
import Testing
@testable import EmberEval

@Suite("Markdown report")
struct MarkdownReportTests {
    let text = MarkdownReport(header: ReportFixtures.header(),
                              summary: ReportFixtures.mixed).render()

    @Test("a heading with the run, then the headline table")
    func headline() {
        #expect(text.hasPrefix("# MMLU · test · gpt-4o-mini\n\nRun `run-0001`, started "
            + "2025-03-01T12:00:00Z. Dataset `mmlu`, model `gpt-4o-mini`, evaluator "
            + "`choice`.\n\n## Results\n\n| Metric | Value |\n| --- | ---: |\n"))
        #expect(text.contains("| Accuracy | 70.0% |\n| 95% Wilson interval | 39.7% – 89.2% |\n"))
        #expect(text.contains("| Cost per correct answer | $0.001286 |\n"))
        #expect(text.contains("| Latency p50 / p95 / p99 | 0.50 s / 0.90 s / 0.90 s |\n"))
        #expect(text.contains("| Truncated | 1 |\n"))
    }

    @Test("the subset table, sorted by name")
    func subsets() {
        #expect(text.contains("""
            | Subset | Items | Correct | Accuracy | 95% interval | Tokens | Cost |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: |
            | algebra | 5 | 3 | 60.0% | 23.1% – 88.2% | 480 | $0.0040 |
            | biology | 5 | 4 | 80.0% | 37.6% – 96.4% | 600 | $0.0050 |

            """))
    }

    @Test("the items not scored correct, with gold, extracted answer and explanation")
    func misses() {
        #expect(text.hasSuffix("""
            | ID | Verdict | Gold | Extracted | Explanation |
            | --- | --- | --- | --- | --- |
            | q3 | Incorrect | 4 | 5 | expected 4 |
            | q6 | Unanswered | 4 | — | no answer found |
            | q10 | Error | 4 | — | Error: the model is down |

            """))
    }

    @Test("cells escape pipes, line breaks, markup and Markdown punctuation", arguments: [
        ("a|b", "a\\|b"),
        ("one\ntwo\r\nthree\rfour", "one<br>two<br>three<br>four"),
        ("<script>alert(1)</script> & co", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        ("*x* _y_ `z` [l](u) \\ #", "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\\\ \\#"),
    ])
    func escaping(raw: String, escaped: String) {
        #expect(MarkdownReport.escapeCell(raw) == escaped)
    }

    @Test("a hostile explanation stays inside its row")
    func hostileItem() {
        var result = ReportFixtures.answered("x|1", gold: "A", extracted: "B")
        result.outcome?.explanation = "first line\nsecond | line"
        let text = MarkdownReport(header: ReportFixtures.header(),
                                  summary: ReportFixtures.summary([result])).render()
        #expect(text.contains("| x\\|1 | Incorrect | A | B | first line<br>second \\| line |\n"))
    }

    @Test("a limit on the listed items says how many more there were")
    func limit() {
        let text = MarkdownReport(header: ReportFixtures.header(),
                                  summary: ReportFixtures.mixed, maximumListedItems: 1).render()
        #expect(text.contains("| q3 |"))
        #expect(!text.contains("| q6 |"))
        #expect(text.hasSuffix("\n2 more not listed.\n"))
    }

    @Test("no items, one item, and every item failed", arguments: [
        ([EvaluationItemResult](), "No items were evaluated.\n"),
        ([ReportFixtures.answered("a")], "None.\n"),
        ([ReportFixtures.failed("a"), ReportFixtures.failed("b")],
         "| b | Error | 4 | — | Error: the model is down |\n"),
    ])
    func edgeCases(results: [EvaluationItemResult], ending: String) {
        let text = MarkdownReport(header: ReportFixtures.header(),
                                  summary: ReportFixtures.summary(results)).render()
        #expect(text.hasSuffix(ending))
        #expect(!text.contains("## Subsets"))
        #expect(!text.contains("nan%"))
    }

    @Test("a resumed, interrupted run says so")
    func state() {
        let text = MarkdownReport(
            header: ReportFixtures.header(isResumed: true, isInterrupted: true),
            summary: ReportFixtures.mixed).render()
        #expect(text.contains("2025-03-01T12:00:00Z (resumed, interrupted)."))
    }
}
