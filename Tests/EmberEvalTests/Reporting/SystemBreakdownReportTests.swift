import Foundation
import Testing
@testable import EmberEval

/// The node, revision and vote-curve tables of a compound system's run, in every report.
@Suite("Compound-system tables in the reports", .timeLimit(.minutes(1)))
struct SystemBreakdownReportTests {
    func summary() async throws -> EvaluationSummary {
        try await NodeAttributionTests().run().0
    }

    @Test("the terminal report lists the nodes, the judge's revisions and the vote curve")
    func terminal() async throws {
        let text = TerminalReport(title: "scripted", summary: try await summary()).render()
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("Nodes"))
        let judge = try #require(lines.first { $0.hasPrefix("j3 1J ") })
        // Four items, two right (50.0%, Wilson 15.0%–85.0%), four calls, 60 of 360 tokens.
        #expect(judge.contains("50.0% (15.0%–85.0%)"))
        #expect(judge.contains("60 (16.7%)"))
        #expect(judge.contains("unknown"))
        let revisions = try #require(lines.last { $0.hasPrefix("j3 1J ") })
        #expect(revisions.split(separator: " ", omittingEmptySubsequences: true)
            .suffix(6) == ["4", "1", "1", "1", "1", "0"])
        #expect(lines.contains("Vote curve of e1 5E(temp=0.7)"))
        let five = try #require(lines.first { $0.hasPrefix("5 ") })
        #expect(five.hasPrefix("5  50.0%     75.0%"))
        #expect(text.contains("Tie rule: first seen wins."))
    }

    @Test("a single-model run has no system tables")
    func singleModel() {
        let text = TerminalReport(title: "plain", summary: ReportFixtures.mixed).render()
        #expect(!text.contains("Nodes"))
        #expect(!text.contains("Vote curve"))
        let markdown = MarkdownReport(header: ReportFixtures.header(),
                                      summary: ReportFixtures.mixed).render()
        #expect(!markdown.contains("## Nodes"))
        #expect(!HTMLReport(header: ReportFixtures.header(), summary: ReportFixtures.mixed)
            .render().contains("class=\"system\""))
    }

    @Test("Markdown has a section per table, right-aligned figures")
    func markdown() async throws {
        let text = MarkdownReport(header: ReportFixtures.header(), summary: try await summary())
            .render()
        #expect(text.contains("## Nodes\n"))
        #expect(text.contains("## Judges and verifiers against the majority they were given"))
        #expect(text.contains("| Node | Items | Kept right | Overturned | Fixed | Kept wrong | Net |"
            + "\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n| j3 1J | 4 | 1 | 1 | 1 | 1 | 0 |"))
        #expect(text.contains("| 5 | 50.0% | 75.0% |"))
    }

    @Test("the page draws the vote curve against k and against tokens, and the tables")
    func html() async throws {
        let page = HTMLReport(header: ReportFixtures.header(), summary: try await summary())
            .render()
        #expect(page.contains("<section class=\"system\">"))
        #expect(page.components(separatedBy: "<polyline class=\"series majority\"").count == 3)
        #expect(page.contains("Accuracy against tokens per item"))
        #expect(page.contains("<title>oracle at k = 5: 75.0%</title>"))
        #expect(page.contains("<td class=\"mono id\">j3 1J</td>"))
    }

    @Test("JSON carries the nodes, the revisions, the curve and each item's node outputs")
    func json() async throws {
        let data = JSONReport(header: ReportFixtures.header(), summary: try await summary())
            .renderData()
        let document = try #require(try JSONSerialization.jsonObject(with: data)
            as? [String: Any])
        let nodes = try #require(document["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["id"] as? String } == ["e1", "m2", "j3"])
        let revisions = try #require(nodes[2]["revisions"] as? [String: Int])
        #expect(revisions == ["kept_correct": 1, "overturned": 1, "fixed": 1, "kept_wrong": 1])
        #expect(nodes[0]["sample_accuracy"] as? Double == 0.5)
        #expect(nodes[0]["cost"] is NSNull)
        let curves = try #require(document["vote_curves"] as? [[String: Any]])
        let points = try #require(curves.first?["points"] as? [[String: Any]])
        #expect(points.map { $0["k"] as? Int } == [1, 2, 4, 5])
        #expect(points.last?["oracle_accuracy"] as? Double == 0.75)
        let items = try #require(document["items"] as? [[String: Any]])
        let itemNodes = try #require(items.first?["nodes"] as? [[String: Any]])
        #expect(itemNodes.last?["input_majority_correct"] as? Bool == false)
        #expect(itemNodes.last?["is_correct"] as? Bool == true)
    }
}
