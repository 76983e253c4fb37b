import EmberModels
import Foundation

/// Renders an evaluation summary as plain-text tables for a terminal.
///
/// The first table holds one figure a row; when the run spans more than one subset a
/// second table gives each subset's items, accuracy, tokens and cost, sorted by name; for a
/// compound system, tables of its nodes and vote curves follow (``SystemBreakdown``).
/// Only spaces align the columns: no colour and no box drawing, so the text reads the
/// same in a log file.
public struct TerminalReport: Sendable {
    /// The heading: dataset, system and settings.
    public var title: String
    /// The summary to render.
    public var summary: EvaluationSummary

    /// Creates a report under a heading of your own.
    public init(title: String, summary: EvaluationSummary) {
        self.title = title
        self.summary = summary
    }

    /// Creates a report headed by a run's title, id and start date.
    public init(header: EvaluationReportHeader, summary: EvaluationSummary) {
        var heading = header.title + "\nrun " + header.runID
            + " · started " + ReportFormat.iso8601(header.startedAt)
        if header.isResumed { heading += " · resumed" }
        if header.isInterrupted || !summary.isComplete { heading += " · interrupted" }
        self.init(title: heading, summary: summary)
    }

    /// The tables, ending in a newline.
    public func render() -> String {
        let rows = figureRows()
        let width = rows.map(\.0.count).max() ?? 0
        var text = title + "\n\n"
        for (label, value) in rows {
            text += "  " + label.padding(toLength: width, withPad: " ", startingAt: 0)
                + "   " + value + "\n"
        }
        let subsets = summary.subsets
        if subsets.count > 1 {
            text += "\n" + subsetTable(subsets)
        }
        for table in SystemBreakdown(summary: summary).tables {
            text += "\n" + SystemBreakdown.plainText(table)
        }
        return text
    }

    private func figureRows() -> [(String, String)] {
        let interval = summary.accuracyInterval
        let usage = summary.usage
        var rows: [(String, String)] = [
            ("Items", ReportFormat.count(summary.itemCount) + (summary.isComplete ? ""
                : " of \(ReportFormat.count(summary.plannedCount)) (interrupted)")),
            ("Correct", ReportFormat.count(summary.correctCount)),
            ("Accuracy", "\(ReportFormat.percent(summary.accuracy))  (95% Wilson CI "
                + "\(ReportFormat.percent(interval.lower))–"
                + "\(ReportFormat.percent(interval.upper)))"),
        ]
        if let score = summary.meanScore, abs(score - summary.accuracy) > 1e-9 {
            rows.append(("Mean score", String(format: "%.3f", score)))
        }
        rows += [
            ("Unanswered", ReportFormat.count(summary.unansweredCount)
                + "  (no answer found in the reply)"),
            ("Errors", ReportFormat.count(summary.errorCount) + "  (failed calls, scored wrong)"),
            ("Truncated", ReportFormat.count(summary.truncatedCount)
                + "  (stopped at the token limit)"),
            ("Prompt tokens", ReportFormat.count(usage.inputTokens)),
            ("Completion tokens", ReportFormat.count(usage.outputTokens)),
        ]
        if let perItem = summary.tokensPerItem {
            rows.append(("Tokens per item", ReportFormat.mean(perItem)))
        }
        rows += costRows()
        if let latency = summary.latency {
            rows.append(("Latency", "p50 \(ReportFormat.seconds(latency.p50))   "
                + "p95 \(ReportFormat.seconds(latency.p95))   "
                + "p99 \(ReportFormat.seconds(latency.p99))  (nearest rank)"))
        }
        rows += [
            ("Wall time", String(format: "%.1f s", summary.wallTime.seconds)),
            ("Throughput", String(format: "%.2f items/s", summary.itemsPerSecond)),
        ]
        return rows
    }

    private func costRows() -> [(String, String)] {
        guard let cost = summary.cost else {
            return [("Cost", "unknown (no prices for this model)")]
        }
        var rows = [("Cost", ReportFormat.dollars(cost))]
        if let perItem = summary.costPerItem {
            rows.append(("Cost per item", ReportFormat.dollars(perItem)))
        }
        rows.append(("Cost per correct", summary.costPerCorrectAnswer.map(ReportFormat.dollars)
            ?? "none correct"))
        return rows
    }

    private func subsetTable(_ subsets: [EvaluationSubsetSummary]) -> String {
        var table = TextTable(columns: [
            ("Subset", .left), ("Items", .right), ("Correct", .right),
            ("Accuracy", .right), ("95% CI", .right), ("Tokens", .right), ("Cost", .right),
        ])
        for subset in subsets {
            let interval = subset.accuracyInterval
            table.append([
                subset.name ?? "(none)",
                ReportFormat.count(subset.itemCount),
                ReportFormat.count(subset.correctCount),
                ReportFormat.percent(subset.accuracy),
                ReportFormat.percent(interval.lower) + "–" + ReportFormat.percent(interval.upper),
                ReportFormat.count(subset.usage.totalTokens),
                subset.cost.map(ReportFormat.dollars) ?? "unknown",
            ])
        }
        return table.render()
    }
}
