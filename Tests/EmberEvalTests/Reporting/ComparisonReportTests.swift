import Foundation
import Testing
@testable import EmberEval

@Suite("Comparison report")
struct ComparisonReportTests {
    static func run(_ id: String, system: String) -> RunEntry {
        RunEntry(
            id: id, createdAt: ReportFixtures.startedAt, updatedAt: ReportFixtures.startedAt,
            configuration: EvaluationRunConfiguration(
                dataset: "gsm8k", split: "test", system: system, model: system,
                evaluator: "numeric", prompt: "{question}"),
            plannedCount: 10, status: .complete, wallTime: .seconds(20), parentID: nil,
            finishedCount: 10, correctCount: 0, errorCount: 0)
    }

    /// Ten items: A right on r0–r5 at $0.001 and 1 s each, B right on r2–r9 at $0.002 and
    /// 2 s each. B's wrong answer on r1 is hostile markup.
    static let report: ComparisonReport = {
        let a = (0..<10).map { index in
            ReportFixtures.answered("r\(index)", extracted: index < 6 ? "4" : "5",
                                    latency: .seconds(1), cost: Decimal(string: "0.001"))
        }
        let b = (0..<10).map { index in
            ReportFixtures.answered(
                "r\(index)", extracted: index >= 2 ? "4"
                    : index == 1 ? "<script>alert(1)</script> | *x*" : "5",
                latency: .seconds(2), cost: Decimal(string: "0.002"))
        }
        // The fixtures build a valid comparison: every id is in both runs.
        let comparison = try! PairedComparison(a: a, b: b, resamples: 2_000, seed: 1)
        return ComparisonReport(comparison: comparison, a: run("run-a", system: "small"),
                                b: run("run-b", system: "big<b>"))
    }()

    /// The figures every form shows, as the table prints them.
    static let figures = [
        "60.0% [31.3%, 83.2%]", "80.0% [49.0%, 94.3%]", "+20.0 points [",
        "$0.0010", "$0.0020", "+$0.0010", "$0.001667", "$0.0025", "1.00 s", "2.00 s",
        "1.67 s", "2.50 s", "+0.83 s",
    ]

    @Test("the measures: accuracies with intervals, cost and latency per item and per correct")
    func measures() {
        let measures = Dictionary(uniqueKeysWithValues: Self.report.measures.map {
            ($0.label, $0)
        })
        #expect(measures["Accuracy"]?.a == "60.0% [31.3%, 83.2%]")
        #expect(measures["Accuracy"]?.b == "80.0% [49.0%, 94.3%]")
        #expect(measures["Cost per item"]?.change == "+$0.0010")
        #expect(measures["Cost per correct"]?.a == "$0.001667")
        #expect(measures["Cost per correct"]?.b == "$0.0025")
        #expect(measures["Latency per correct"]?.a == "1.67 s")
        #expect(measures["Latency per correct"]?.change == "+0.83 s")
        #expect(Self.report.mcNemarSentence
            == "McNemar's exact test: p = 0.6875 (2 items only A got right, 4 only B).")
    }

    @Test("the table: every figure, the test, the flipped items with both answers")
    func table() {
        let text = Self.report.renderTable()
        for figure in Self.figures { #expect(text.contains(figure), "no \(figure)") }
        #expect(text.contains("Paired on 10 shared items of gsm8k, split test."))
        #expect(text.contains("McNemar's exact test: p = 0.6875"))
        #expect(text.contains("Right in B, wrong in A (4):"))
        #expect(text.contains("Right in A, wrong in B (2):"))
        #expect(text.contains("r1    4     4  <script>alert(1)</script> | *x*"))
    }

    @Test("Markdown: the same figures, and an answer cannot break out of its cell")
    func markdown() {
        let text = Self.report.renderMarkdown()
        for figure in Self.figures {
            #expect(text.contains(MarkdownReport.escapeCell(figure)), "no \(figure)")
        }
        #expect(text.contains(
            "| Accuracy | 60.0% \\[31.3%, 83.2%\\] | 80.0% \\[49.0%, 94.3%\\] | "))
        #expect(text.contains("McNemar's exact test: p = 0.6875"))
        #expect(text.contains("## Right in B, wrong in A (4)"))
        #expect(text.contains("| r6 | 4 | 5 | 4 |"))
        #expect(!text.contains("<script>"))
        #expect(text.contains("| r1 | 4 | 4 | &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\* |"))
        #expect(!text.contains("big<b>"))
        #expect(text.contains("| B | run-b | big&lt;b&gt; | 10 |"))

        var shorter = Self.report
        shorter.maximumListedItems = 1
        let short = shorter.renderMarkdown()
        #expect(short.contains("## Right in A, wrong in B (2, the first 1)"))
        #expect(!short.contains("| r1 |"))
    }

    @Test("HTML: a self-contained page with the figures, everything from the runs escaped")
    func html() {
        let page = Self.report.renderHTML()
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.hasSuffix("</html>\n"))
        for figure in Self.figures {
            #expect(page.contains(HTMLText.escape(figure)), "no \(figure)")
        }
        #expect(page.contains("<p class=\"label\">McNemar p</p><p class=\"figure\">0.6875</p>"))
        #expect(page.contains("<p class=\"label\">B − A</p><p class=\"figure\">+20.0"))
        #expect(!page.contains("<script>alert(1)"))
        #expect(page.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; | *x*</td>"))
        #expect(!page.contains("big<b>"))
        #expect(page.contains("big&lt;b&gt;"))
        #expect(page.components(separatedBy: "<script>").count - 1 == 2,
                "only the page's own two scripts")
        #expect(page.contains("<h2>Right in A, wrong in B (2)</h2>"))
        #expect(page.components(separatedBy: "<g class=\"interval\">").count - 1 == 2)
        for external in ["<link", "src=", "@import", "url(", "https://"] {
            #expect(!page.contains(external), "the page refers to \(external)")
        }
    }
}
