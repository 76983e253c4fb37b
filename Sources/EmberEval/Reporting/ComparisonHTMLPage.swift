/// The frame of the pages that put runs side by side (``ComparisonReport`` and
/// ``RunFrontierReport``): the evaluation report's style sheet and scripts around a body.
///
/// Like ``HTMLReport``, the page loads nothing, follows the reader's light or dark
/// preference, and reports `ok` in its hidden `<output id="script-status">` once its script
/// has run without an error.
enum ComparisonHTMLPage {
    /// The page: `title` (plain text, escaped here) and `body` (markup, already escaped).
    static func render(title: String, body: String) -> String {
        HTMLReport.page(title: title, styleSheet: styleSheet, body: body)
    }

    /// What these pages draw beyond the evaluation report: the accuracy–cost chart's
    /// points and frontier line.
    static let styleSheet = """

        .page-head + .charts { margin-top: 24px; }
        .chart .point circle { fill: var(--muted); }
        .chart .point.on-frontier circle { fill: var(--accent); }
        .chart .frontier { fill: none; stroke: var(--accent); stroke-width: 2; opacity: .7; }
        """

    /// A headline card: `value` is markup already escaped, `detail` plain text.
    static func card(_ label: String, _ value: String, _ detail: String,
                     tone: String? = nil) -> String {
        "<div class=\"card\(tone.map { " " + $0 } ?? "")\"><p class=\"label\">"
            + "\(HTMLText.escape(label))</p><p class=\"figure\">\(value)</p>"
            + "<p class=\"detail\">\(HTMLText.escape(detail))</p></div>"
    }

    /// A table in a panel under a heading; every heading and cell is plain text, escaped
    /// here. Columns named in `numeric` are right-aligned.
    static func table(_ title: String, headings: [String], rows: [[String]],
                      numeric: Set<String> = [], note: String? = nil) -> String {
        func cellClass(_ column: Int) -> String {
            numeric.contains(headings[column]) ? " class=\"number\"" : ""
        }
        let head = headings.indices.map {
            "<th scope=\"col\"\(cellClass($0))>\(HTMLText.escape(headings[$0]))</th>"
        }.joined()
        let body = rows.map { row in
            "<tr>" + row.indices.map {
                "<td\(cellClass($0))>\(HTMLText.escape(row[$0]))</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<section class=\"items panel\"><h2>\(HTMLText.escape(title))</h2>"
            + (note.map { "<p class=\"detail\">\(HTMLText.escape($0))</p>" } ?? "")
            + "<div class=\"table-wrap\"><table><thead><tr>\(head)</tr></thead>"
            + "<tbody>\n\(body)\n</tbody></table></div></section>"
    }

    /// A chart in a panel under a heading; `chart` is SVG markup, `note` plain text.
    static func figure(_ title: String, note: String, chart: String) -> String {
        "<figure class=\"panel\"><figcaption><h2>\(HTMLText.escape(title))</h2>"
            + "<p class=\"detail\">\(HTMLText.escape(note))</p></figcaption>\(chart)</figure>"
    }

    /// The page's heading: an eyebrow, the title, and facts as a definition list.
    static func heading(eyebrow: String, title: String, facts: [(String, String)]) -> String {
        let list = facts.map { label, value in
            "<div><dt>\(HTMLText.escape(label))</dt><dd>\(HTMLText.escape(value))</dd></div>"
        }.joined()
        return "<header class=\"page-head\"><p class=\"eyebrow\">\(HTMLText.escape(eyebrow))"
            + "</p><h1>\(HTMLText.escape(title))</h1><dl class=\"facts\">\(list)</dl></header>"
    }

    /// A footer of plain text.
    static func footer(_ text: String) -> String {
        "<footer><p>\(HTMLText.escape(text))</p></footer>"
    }
}
