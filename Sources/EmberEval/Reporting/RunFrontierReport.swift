import Foundation

/// Renders runs over the same items with their accuracy–cost frontier: as a terminal table,
/// as Markdown, as JSON, or as one self-contained HTML page that plots accuracy against
/// cost per item.
///
/// Each form lists every run of the group with its accuracy (95% Wilson interval), cost
/// per item and median latency, marks those on the frontier, says that a run of unknown
/// cost is listed but not placed, and names the runs over other item sets that were left
/// out.
public struct RunFrontierReport: Sendable {
    /// The runs to render.
    public var frontier: RunFrontier

    /// Creates a report.
    public init(frontier: RunFrontier) {
        self.frontier = frontier
    }

    /// The columns every tabular form shows, in order.
    static let headings = ["Run", "System", "Accuracy [95% CI]", "Cost per item",
                           "Latency p50", "Frontier"]

    /// One row of text for each run, under ``headings``.
    var rows: [[String]] {
        frontier.entries.map { entry in
            let summary = entry.summary
            let interval = summary.accuracyInterval
            let mark = entry.isOnFrontier ? "on frontier"
                : entry.costPerItem == nil ? "cost unknown, not placed" : "dominated"
            return [
                entry.run.id, entry.run.configuration.system,
                ReportFormat.percent(summary.accuracy) + " ["
                    + ReportFormat.percent(interval.lower) + ", "
                    + ReportFormat.percent(interval.upper) + "]",
                entry.costPerItem.map(ReportFormat.dollars) ?? "unknown",
                entry.latencyMedian.map(ReportFormat.seconds) ?? "–", mark,
            ]
        }
    }

    /// What the runs are: `3 runs over the same 20 items of gsm8k.`
    var groupSentence: String {
        "\(frontier.entries.count) run\(frontier.entries.count == 1 ? "" : "s") over the same "
            + "\(ReportFormat.count(frontier.itemCount)) items of \(frontier.data)."
    }

    /// What the frontier means, and what happens to runs of unknown cost.
    var frontierSentence: String {
        let unknown = frontier.entries.count { $0.costPerItem == nil }
        return "On the frontier: no other run is at least as accurate and at most as costly "
            + "per item, and strictly better in one. Runs of unknown cost are listed but not "
            + "placed on the frontier"
            + (unknown > 0 ? " (\(unknown) here)." : ".")
    }

    /// The groups left out, one sentence each.
    var otherGroupSentences: [String] {
        frontier.otherGroups.map { group in
            "Not shown: \(group.runIDs.count) run\(group.runIDs.count == 1 ? "" : "s") over "
                + "another set of \(ReportFormat.count(group.itemCount)) items of "
                + "\(group.data) (\(group.runIDs.joined(separator: ", ")))."
        }
    }

    /// The runs as text for a terminal, ending in a newline.
    public func renderTable() -> String {
        var table = TextTable(columns: Self.headings.map {
            ($0.uppercased(), ["Cost per item", "Latency p50"].contains($0) ? .right : .left)
        })
        for row in rows { table.append(row) }
        return groupSentence + "\n\n" + table.render() + "\n" + frontierSentence + "\n"
            + otherGroupSentences.map { $0 + "\n" }.joined()
    }

    /// The runs as Markdown, ending in a newline; text from the runs is escaped for a cell.
    public func renderMarkdown() -> String {
        var text = "# Accuracy against cost: \(MarkdownReport.escapeCell(frontier.data))\n\n"
            + groupSentence + "\n\n| " + Self.headings.joined(separator: " | ") + " |\n"
            + "| --- | --- | ---: | ---: | ---: | --- |\n"
        for row in rows {
            text += "| " + row.map(MarkdownReport.escapeCell).joined(separator: " | ") + " |\n"
        }
        text += "\n" + frontierSentence + "\n"
        for sentence in otherGroupSentences {
            text += "\n" + MarkdownReport.escapeCell(sentence) + "\n"
        }
        return text
    }

    /// The runs as one JSON document, ending in a newline.
    ///
    /// Like ``JSONReport``: snake_case keys, sorted; every field present, `null` when
    /// unknown; dollars as decimal strings rounded to 10 places.
    public func renderJSON() -> String {
        let runs: [JSONValue] = frontier.entries.map { entry in
            let summary = entry.summary
            return .object([
                "run_id": .string(entry.run.id),
                "system": .string(entry.run.configuration.system),
                "model": .string(entry.run.configuration.model),
                "items": .integer(summary.itemCount),
                "correct": .integer(summary.correctCount),
                "accuracy": .finite(summary.accuracy),
                "accuracy_interval": .array([.finite(summary.accuracyInterval.lower),
                                             .finite(summary.accuracyInterval.upper)]),
                "cost_per_item": .optional(entry.costPerItem) {
                    .string(ReportFormat.decimalString($0))
                },
                "latency_p50_seconds": .optional(entry.latencyMedian, JSONValue.finite),
                "on_frontier": .bool(entry.isOnFrontier),
            ])
        }
        let document = JSONValue.object([
            "schema_version": .integer(1),
            "data": .string(frontier.data),
            "item_count": .integer(frontier.itemCount),
            "runs": .array(runs),
            "frontier": .array(frontier.frontier.map { .string($0.run.id) }),
            "other_groups": .array(frontier.otherGroups.map { group in
                .object(["data": .string(group.data), "item_count": .integer(group.itemCount),
                         "run_ids": .array(group.runIDs.map(JSONValue.string))])
            }),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Only strings, booleans and finite numbers are in the tree: encoding cannot fail.
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The runs as one self-contained HTML page: accuracy plotted against cost per item with
    /// the frontier line, then the table. Ends in a newline.
    public func renderHTML() -> String {
        let title = "Accuracy against cost on \(frontier.data)"
        let placed = frontier.entries.compactMap { entry -> SVGChart.FrontierPoint? in
            guard let cost = entry.costPerItem else { return nil }
            return SVGChart.FrontierPoint(
                label: "\(entry.run.id) · \(entry.run.configuration.system)",
                cost: NSDecimalNumber(decimal: cost).doubleValue,
                accuracy: entry.summary.accuracy, interval: entry.summary.accuracyInterval,
                isOnFrontier: entry.isOnFrontier)
        }
        let chart = placed.isEmpty
            ? "<p class=\"empty\">No run has a known cost, so none can be placed.</p>"
            : SVGChart.frontier(
                placed, description: "Accuracy against cost per item for each run of known "
                    + "cost, with the frontier as a line",
                format: { ReportFormat.dollars(Decimal($0)) })
        let body = ComparisonHTMLPage.heading(
            eyebrow: "Ember runs", title: title,
            facts: [("Items", groupSentence)])
            + "<section class=\"charts\">" + ComparisonHTMLPage.figure(
                "Accuracy against cost per item",
                note: "Points are runs, whiskers their 95% Wilson intervals; the line joins "
                    + "the runs on the frontier.", chart: chart) + "</section>"
            + ComparisonHTMLPage.table("Runs", headings: Self.headings, rows: rows,
                                       numeric: ["Cost per item", "Latency p50"])
            + ComparisonHTMLPage.footer(([frontierSentence] + otherGroupSentences)
                .joined(separator: " "))
        return ComparisonHTMLPage.render(title: title + " · Ember runs", body: body)
    }
}
