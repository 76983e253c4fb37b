import Foundation

extension HTMLReport {
    /// For a compound system: its node tables and, for each ensemble, the vote curve drawn
    /// against k and against what k samples cost; empty for a single-model run.
    func systemSection() -> String {
        let breakdown = SystemBreakdown(summary: summary)
        let tables = breakdown.tables
        guard !tables.isEmpty else { return "" }
        let charts = breakdown.curves.map(curveFigures).joined()
        return "<section class=\"system\">" + charts
            + tables.map(tablePanel).joined() + "</section>"
    }

    /// The style of the system section, added to ``styleSheet``.
    static let systemStyleSheet = """
        .system { display: grid; gap: 14px; margin-top: 14px; }
        .system > *, .system .pair > * { min-width: 0; }
        .chart .series { fill: none; stroke-width: 2; }
        .chart .series.majority { stroke: var(--accent); }
        .chart .series.oracle { stroke: var(--good); stroke-dasharray: 5 4; }
        .chart .dot.majority { fill: var(--accent); }
        .chart .dot.oracle { fill: var(--good); }
        .legend { display: flex; gap: 16px; font-size: 12.5px; color: var(--muted);
          margin: 6px 0 0; }
        .legend .key { display: inline-block; width: 18px; height: 0; margin-right: 6px;
          vertical-align: middle; border-top: 2px solid var(--accent); }
        .legend .key.oracle { border-top: 2px dashed var(--good); }
        """

    private func tablePanel(_ table: SystemBreakdown.Table) -> String {
        let head = table.columns.map { name, alignment in
            "<th scope=\"col\"\(alignment == .right ? " class=\"number\"" : "")>"
                + HTMLText.escape(name) + "</th>"
        }.joined()
        let rows = table.rows.map { row in
            "<tr>" + zip(row, table.columns).map { cell, column in
                "<td\(column.1 == .right ? " class=\"number\"" : " class=\"mono id\"")>"
                    + HTMLText.escape(cell) + "</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<div class=\"panel\"><h2>\(HTMLText.escape(table.title))</h2>"
            + (table.note.map { "<p class=\"detail\">\(HTMLText.escape($0))</p>" } ?? "")
            + "<div class=\"table-wrap\"><table><thead><tr>\(head)</tr></thead>"
            + "<tbody>\(rows)</tbody></table></div></div>"
    }

    /// Maj@k and oracle@k against k, and against the tokens or dollars k samples cost.
    private func curveFigures(_ curve: EnsembleVoteCurve) -> String {
        let points = curve.curve.points
        guard points.count > 1 else { return "" }
        let byK = LineChart(
            xs: points.map { log2(Double($0.k)) },
            xLabels: points.map { "k = \($0.k)" },
            majority: points.map(\.majorityAccuracy), oracle: points.map(\.oracleAccuracy),
            description: "Majority and oracle accuracy of \(curve.nodeID) against the number "
                + "of samples voted on")
        var spend: (values: [Double], labels: [String], noun: String)?
        if let cost = curve.costPerSample, cost > 0 {
            spend = (points.map { NSDecimalNumber(decimal: cost * Decimal($0.k)).doubleValue },
                     points.map { ReportFormat.dollars(cost * Decimal($0.k)) }, "cost per item")
        } else if let tokens = curve.tokensPerSample, tokens > 0 {
            spend = (points.map { tokens * Double($0.k) },
                     points.map { ReportFormat.count(Int((tokens * Double($0.k)).rounded())) },
                     "tokens per item")
        }
        let legend = "<p class=\"legend\"><span><span class=\"key\"></span>maj@k</span>"
            + "<span><span class=\"key oracle\"></span>oracle@k</span></p>"
        var html = "<div class=\"pair\">" + panel(
            "Vote curve of \(curve.nodeID) \(curve.label)",
            note: "Accuracy of a vote over k of the item's samples; no model was called.",
            body: byK.render() + legend)
        if let spend {
            let byCost = LineChart(
                xs: spend.values, xLabels: spend.labels,
                majority: points.map(\.majorityAccuracy), oracle: points.map(\.oracleAccuracy),
                description: "Majority and oracle accuracy of \(curve.nodeID) against the "
                    + spend.noun)
            html += panel("Accuracy against \(spend.noun)",
                          note: "Where the line flattens, more samples stop paying.",
                          body: byCost.render() + legend)
        }
        return html + "</div>"
    }

    private func panel(_ title: String, note: String, body: String) -> String {
        "<figure class=\"panel\"><figcaption><h2>\(HTMLText.escape(title))</h2>"
            + "<p class=\"detail\">\(HTMLText.escape(note))</p></figcaption>\(body)</figure>"
    }
}

/// Two accuracy series, from 0 to 100%, over shared x positions with a label each.
private struct LineChart {
    var xs: [Double]
    var xLabels: [String]
    var majority: [Double]
    var oracle: [Double]
    var description: String

    func render() -> String {
        let width = 360.0, height = 220.0
        let left = 44.0, right = 340.0, top = 12.0, bottom = 176.0
        let low = xs.min() ?? 0, high = xs.max() ?? 1
        let span = high > low ? high - low : 1
        func x(_ value: Double) -> Double { left + (value - low) / span * (right - left) }
        func y(_ fraction: Double) -> Double { bottom - fraction * (bottom - top) }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(HTMLText.number(width)) "
            + "\(HTMLText.number(height))\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escape(description))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            svg += "<line class=\"grid\" x1=\"\(HTMLText.number(left))\" "
                + "y1=\"\(HTMLText.number(y(tick)))\" x2=\"\(HTMLText.number(right))\" "
                + "y2=\"\(HTMLText.number(y(tick)))\"/><text class=\"tick\" "
                + "x=\"\(HTMLText.number(left - 6))\" y=\"\(HTMLText.number(y(tick) + 4))\" "
                + "text-anchor=\"end\">\(Int(tick * 100))%</text>"
        }
        for (index, value) in xs.enumerated() {
            // Label the ends and every other point between, so the labels do not collide.
            guard index == 0 || index == xs.count - 1 || index.isMultiple(of: 2) else {
                continue
            }
            svg += "<text class=\"tick\" x=\"\(HTMLText.number(x(value)))\" "
                + "y=\"\(HTMLText.number(bottom + 18))\" text-anchor=\"middle\">"
                + HTMLText.escape(xLabels[index]) + "</text>"
        }
        for (name, series) in [("majority", majority), ("oracle", oracle)] {
            let path = zip(xs, series).map { "\(HTMLText.number(x($0))),\(HTMLText.number(y($1)))" }
            svg += "<polyline class=\"series \(name)\" points=\"\(path.joined(separator: " "))\"/>"
            for (index, value) in series.enumerated() {
                let label = (name == "majority" ? "maj" : "oracle") + " at "
                    + xLabels[index] + ": " + ReportFormat.percent(value)
                svg += "<circle class=\"dot \(name)\" cx=\"\(HTMLText.number(x(xs[index])))\" "
                    + "cy=\"\(HTMLText.number(y(value)))\" r=\"3.5\"><title>"
                    + HTMLText.escape(label) + "</title></circle>"
            }
        }
        return svg + "</svg>"
    }
}
