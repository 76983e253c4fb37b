import Foundation
import Testing
@testable import EmberEval

@Suite("Accuracy–cost report")
struct ParetoReportTests {
    /// Four runs over items a–d: small (50% at $0.001), middling (50% at $0.005, dominated),
    /// big (100% at $0.010) and one of unknown cost; and a run over two items only.
    static let report: RunFrontierReport = {
        let four = RunFrontierTests.four
        let runs: [(run: RunEntry, items: [EvaluationItemResult])] = [
            (RunFrontierTests.run("r5", system: "small"),
             RunFrontierTests.items(four, correct: 2, cost: "0.001", milliseconds: 400)),
            (RunFrontierTests.run("r4", system: "big<script>"),
             RunFrontierTests.items(four, correct: 4, cost: "0.010", milliseconds: 900)),
            (RunFrontierTests.run("r3", system: "middling"),
             RunFrontierTests.items(four, correct: 2, cost: "0.005")),
            (RunFrontierTests.run("r2", system: "local"),
             RunFrontierTests.items(four, correct: 3, cost: nil)),
            (RunFrontierTests.run("r1", system: "short"),
             RunFrontierTests.items(["a", "b"], correct: 2, cost: "0.001")),
        ]
        // The fixture has finished items, so there is a frontier.
        return RunFrontierReport(frontier: RunFrontier(runs: runs)!)
    }()

    @Test("the table: accuracy with its interval, cost and latency per item, the frontier")
    func table() throws {
        let text = Self.report.renderTable()
        #expect(text.hasPrefix("4 runs over the same 4 items of gsm8k.\n"))
        let lines = text.split(separator: "\n").map(String.init)
        let small = try #require(lines.first(where: { $0.contains("r5") }))
        #expect(small.contains("50.0% [15.0%, 85.0%]"))
        #expect(small.contains("$0.0010"))
        #expect(small.contains("0.40 s"))
        #expect(small.hasSuffix("on frontier"))
        #expect(lines.first { $0.contains("r3") }?.hasSuffix("dominated") == true)
        #expect(lines.first { $0.contains("r4") }?.hasSuffix("on frontier") == true)
        let unknown = lines.first { $0.contains("r2") }
        #expect(unknown?.contains("unknown") == true)
        #expect(unknown?.hasSuffix("cost unknown, not placed") == true)
        #expect(text.contains("Runs of unknown cost are listed but not placed on the frontier "
            + "(1 here)."))
        #expect(text.contains("Not shown: 1 run over another set of 2 items of gsm8k (r1)."))
        // Cheapest first, unknown cost last.
        let order = ["r5", "r3", "r4", "r2"].compactMap { id in
            lines.firstIndex { $0.hasPrefix("  \(id) ") }
        }
        #expect(order == order.sorted() && order.count == 4)
    }

    @Test("JSON: every run with its figures and frontier mark; unknown cost is null")
    func json() throws {
        let object = try #require(try JSONSerialization.jsonObject(
            with: Data(Self.report.renderJSON().utf8)) as? [String: Any])
        #expect(object["item_count"] as? Int == 4)
        #expect(object["frontier"] as? [String] == ["r5", "r4"])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { $0["run_id"] as? String } == ["r5", "r3", "r4", "r2"])
        #expect(runs[0]["cost_per_item"] as? String == "0.001")
        #expect(runs[0]["on_frontier"] as? Bool == true)
        #expect(runs[1]["on_frontier"] as? Bool == false)
        #expect(runs[3]["cost_per_item"] is NSNull)
        #expect(runs[2]["latency_p50_seconds"] as? Double == 0.9)
        let others = try #require(object["other_groups"] as? [[String: Any]])
        #expect(others.first?["run_ids"] as? [String] == ["r1"])
    }

    @Test("Markdown and HTML: the same rows, the chart with its frontier line, text escaped")
    func documents() {
        let markdown = Self.report.renderMarkdown()
        #expect(markdown.contains("| r5 | small | 50.0% \\[15.0%, 85.0%\\] | $0.0010 | 0.40 s "
            + "| on frontier |"))
        #expect(markdown.contains("| r4 | big&lt;script&gt; |"))
        #expect(markdown.contains("cost unknown, not placed"))

        let page = Self.report.renderHTML()
        #expect(page.hasPrefix("<!DOCTYPE html>\n") && page.hasSuffix("</html>\n"))
        #expect(!page.contains("big<script>"))
        #expect(page.contains("big&lt;script&gt;"))
        #expect(page.components(separatedBy: "<script>").count - 1 == 2)
        // Three runs of known cost are plotted; two are on the frontier line.
        #expect(page.components(separatedBy: "<g class=\"point").count - 1 == 3)
        #expect(page.components(separatedBy: "<g class=\"point on-frontier\">").count - 1 == 2)
        let line = page.firstMatch(of: /<polyline class="frontier" points="([^"]*)"\/>/)
        #expect(line.map { $0.1.split(separator: " ").count } == 2)
        #expect(page.contains("<td>cost unknown, not placed</td>"))
        #expect(page.contains("Not shown: 1 run over another set of 2 items of gsm8k (r1)."))
    }
}
