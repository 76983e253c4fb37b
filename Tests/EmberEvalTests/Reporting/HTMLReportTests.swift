import Foundation
import Testing
@testable import EmberEval

@Suite("HTML report")
struct HTMLReportTests {
    let page = HTMLFixtures.report(HTMLFixtures.subjects).render()

    @Test("a whole page that loads nothing from anywhere")
    func selfContained() {
        #expect(page.hasPrefix(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(page.hasSuffix("</html>\n"))
        for external in ["<link", "src=", "@import", "url(", "https://", "http://fonts",
                         "<iframe", "<img"] {
            #expect(!page.contains(external), "the page refers to \(external)")
        }
        // The SVG namespace is a name, not a request.
        #expect(page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            .contains("http://") == false)
    }

    @Test("text from the run is escaped everywhere")
    func escaping() {
        #expect(!page.contains("<script>alert(1)</script>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; "
            + "&#39;single&#39; &lt;/td&gt;"))
        #expect(!page.contains("<b>&id</b>"))
        #expect(page.contains("&lt;b&gt;&amp;id&lt;/b&gt;"))
        let scripts = page.components(separatedBy: "<script>").count - 1
        #expect(scripts == 2, "only the page's own two scripts")
    }

    @Test("headline figures as cards")
    func cards() {
        for label in ["Accuracy", "Correct", "Errors", "Truncated", "Cost", "Tokens per item",
                      "Latency p50", "Throughput"] {
            #expect(page.contains("<p class=\"label\">\(label)</p>"), "no \(label) card")
        }
        #expect(page.contains("<div class=\"card accent\"><p class=\"label\">Accuracy</p>"
            + "<p class=\"figure\">51.2%</p>"))
        #expect(page.contains("Interrupted · 41 of 60 items"))
        #expect(page.contains("<span class=\"badge\">Resumed</span>"))
    }

    @Test("charts: accuracy by subset with intervals, latency and cost histograms")
    func charts() {
        #expect(page.contains("<h2>Accuracy by subset</h2>"))
        #expect(page.components(separatedBy: "<g class=\"interval\">").count - 1 == 4)
        #expect(page.contains(">high_school_government_and_politi…</text>"))
        #expect(page.contains("<title>anatomy: "))
        #expect(page.contains("<h2>Latency</h2>"))
        #expect(page.contains("<h2>Tokens per item</h2>"), "one item's cost is unknown")
        #expect(page.contains("aria-label=\"Histogram of item latencies in seconds\""))
        #expect(page.contains(">p50 "))
    }

    @Test("a cost histogram when every answered item has a known cost")
    func costChart() {
        let page = HTMLFixtures.report(ReportFixtures.mixed).render()
        #expect(page.contains("<h2>Cost per item</h2>"))
        #expect(page.contains("<h2>Accuracy by subset</h2>"))
        let single = ReportFixtures.summary([ReportFixtures.answered("a", subset: "x")])
        #expect(HTMLFixtures.report(single).render().contains("<h2>Accuracy</h2>"),
                "one row, overall, for one subset")
    }

    @Test("every item in a row carrying its verdict, with filters for the script")
    func items() {
        #expect(page.components(separatedBy: "<tr data-verdict=").count - 1 == 41)
        #expect(page.contains("<tr data-verdict=\"error\"><td class=\"mono id\">s0</td>"))
        #expect(page.contains("<button type=\"button\" data-filter=\"unanswered\""))
        #expect(page.contains("<div class=\"controls\" id=\"item-controls\" hidden>"))
        #expect(page.contains("<output id=\"script-status\" hidden>pending</output>"))
    }

    @Test("light and dark palettes")
    func colourSchemes() {
        #expect(page.contains("@media (prefers-color-scheme: dark)"))
        #expect(page.contains("<meta name=\"color-scheme\" content=\"light dark\">"))
    }

    @Test("edge cases render a complete page", arguments: HTMLFixtures.cases.map(\.0))
    func edgeCases(name: String) throws {
        let summary = try #require(HTMLFixtures.cases.first { $0.0 == name }?.1)
        let page = HTMLFixtures.report(summary).render()
        #expect(page.hasSuffix("</main>\n<output id=\"script-status\" hidden>pending</output>\n"
            + "<script>" + HTMLReport.filterScript + "</script>\n</body>\n</html>\n"))
        #expect(!page.contains("NaN") && !page.contains("nan%") && !page.contains(">inf"))
        switch name {
        case "no items":
            #expect(page.contains("<p class=\"empty\">No items were evaluated.</p>"))
            #expect(!page.contains("<table"))
        case "all errors":
            #expect(page.contains("No call returned an answer."))
            #expect(page.contains("a &lt;b&gt;bad&lt;/b&gt; &amp; odd"))
        default:
            #expect(page.contains("<table id=\"items\">"))
        }
    }

    @Test("the same run renders the same page")
    func deterministic() {
        #expect(HTMLFixtures.report(HTMLFixtures.subjects).render() == page)
    }
}
