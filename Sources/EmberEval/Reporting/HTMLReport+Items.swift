import EmberModels
import Foundation

extension HTMLReport {
    /// The table of items, in the dataset's order, with the filter controls above it.
    func itemTable() -> String {
        let results = summary.results
        guard !results.isEmpty else {
            return "<section class=\"items panel\"><h2>Items</h2>"
                + "<p class=\"empty\">No items were evaluated.</p></section>"
        }
        let hasSubsets = results.contains { $0.subset != nil }
        var buttons = "<button type=\"button\" data-filter=\"all\" aria-pressed=\"true\">"
            + "All <span>\(ReportFormat.count(results.count))</span></button>"
        for verdict in EvaluationVerdict.allCases {
            let count = results.count { $0.verdict == verdict }
            guard count > 0 else { continue }
            buttons += "<button type=\"button\" data-filter=\"\(verdict.rawValue)\" "
                + "aria-pressed=\"false\">\(verdict.label) "
                + "<span>\(ReportFormat.count(count))</span></button>"
        }
        let headings = ["ID"] + (hasSubsets ? ["Subset"] : [])
            + ["Verdict", "Gold", "Extracted", "Latency", "Tokens", "Cost", "Explanation"]
        let head = headings.map { heading in
            let isNumeric = ["Latency", "Tokens", "Cost"].contains(heading)
            return "<th scope=\"col\"\(isNumeric ? " class=\"number\"" : "")>\(heading)</th>"
        }.joined()
        let rows = results.map { row($0, hasSubsets: hasSubsets) }.joined(separator: "\n")
        return """
            <section class="items panel">
            <div class="items-head"><h2>Items</h2>
            <div class="controls" id="item-controls" hidden>
            <div class="filters" role="group" aria-label="Show items by verdict">\(buttons)</div>
            <input type="search" id="item-search" placeholder="Search items"
             aria-label="Search items">
            <span class="detail" id="items-shown"></span>
            </div></div>
            <div class="table-wrap"><table id="items">
            <thead><tr>\(head)</tr></thead>
            <tbody>
            \(rows)
            </tbody></table></div>
            </section>
            """
    }

    private func row(_ result: EvaluationItemResult, hasSubsets: Bool) -> String {
        let verdict = result.verdict
        var cells = ["<td class=\"mono id\">\(HTMLText.escape(result.recordID))</td>"]
        if hasSubsets { cells.append("<td>\(HTMLText.escape(result.subset ?? "—"))</td>") }
        let truncated = result.isTruncated
            ? " <span class=\"badge warn\" title=\"Stopped at the token limit\">truncated</span>"
            : ""
        cells += [
            "<td><span class=\"verdict \(verdict.rawValue)\">\(verdict.label)</span>"
                + truncated + "</td>",
            "<td class=\"mono\">\(HTMLText.escape(result.gold))</td>",
            "<td class=\"mono\">\(HTMLText.escape(result.outcome?.extractedAnswer ?? "—"))</td>",
            "<td class=\"number\">\(ReportFormat.seconds(result.latency.seconds))</td>",
            "<td class=\"number\">"
                + (result.usage.map { ReportFormat.count($0.totalTokens) } ?? "—") + "</td>",
            "<td class=\"number\">"
                + HTMLText.escape(result.cost.map(ReportFormat.dollars) ?? "—") + "</td>",
            "<td class=\"explanation\">\(explanation(result))</td>",
        ]
        return "<tr data-verdict=\"\(verdict.rawValue)\">" + cells.joined() + "</tr>"
    }

    private func explanation(_ result: EvaluationItemResult) -> String {
        var text = ""
        if let error = result.error {
            text += "<span class=\"error-text\">\(HTMLText.escape(error))</span>"
        } else if let explanation = result.outcome?.explanation {
            text += HTMLText.escape(explanation)
        }
        if let response = result.response {
            text += "<details><summary>Response</summary>"
                + "<pre>\(HTMLText.escape(response))</pre></details>"
        }
        return text
    }
}
