import EmberModels
import Foundation

/// Renders a run as Markdown: a headline table, a per-subset table when there is more than
/// one subset, and a table of the items that were not scored correct.
///
/// Text from the run (ids, answers, explanations, error messages) is escaped for a table
/// cell: pipes and Markdown punctuation are backslash-escaped, `<`, `>` and `&` become
/// entities, and line breaks become `<br>`, so a cell cannot end its row or inject markup.
public struct MarkdownReport: Sendable {
    /// The run the summary belongs to.
    public var header: EvaluationReportHeader
    /// The summary to render.
    public var summary: EvaluationSummary
    /// The most items listed in the table of misses, or `nil` for all of them; a line
    /// after the table says how many were left out.
    public var maximumListedItems: Int?

    /// Creates a report.
    public init(header: EvaluationReportHeader, summary: EvaluationSummary,
                maximumListedItems: Int? = nil) {
        self.header = header
        self.summary = summary
        self.maximumListedItems = maximumListedItems
    }

    /// The document, ending in a newline.
    public func render() -> String {
        var sections = [heading(), headline()]
        let subsets = summary.subsets
        if subsets.count > 1 { sections.append(subsetTable(subsets)) }
        sections += SystemBreakdown(summary: summary).tables.map(breakdownTable)
        sections.append(misses())
        return sections.joined(separator: "\n")
    }

    private func heading() -> String {
        let configuration = header.configuration
        var state = [String]()
        if header.isResumed { state.append("resumed") }
        if header.isInterrupted || !summary.isComplete { state.append("interrupted") }
        return "# " + Self.escapeInline(header.title) + "\n\n"
            + "Run `\(Self.code(header.runID))`, started "
            + ReportFormat.iso8601(header.startedAt)
            + (state.isEmpty ? "" : " (\(state.joined(separator: ", ")))") + ". "
            + "Dataset `\(Self.code(configuration.dataset))`, model "
            + "`\(Self.code(configuration.model))`, evaluator "
            + "`\(Self.code(configuration.evaluator))`.\n"
    }

    private func headline() -> String {
        let interval = summary.accuracyInterval
        let usage = summary.usage
        var rows: [(String, String)] = [
            ("Items", ReportFormat.count(summary.itemCount) + (summary.isComplete ? ""
                : " of \(ReportFormat.count(summary.plannedCount))")),
            ("Correct", ReportFormat.count(summary.correctCount)),
            ("Accuracy", ReportFormat.percent(summary.accuracy)),
            ("95% Wilson interval", ReportFormat.percent(interval.lower) + " – "
                + ReportFormat.percent(interval.upper)),
            ("Mean score", summary.meanScore.map { String(format: "%.3f", $0) } ?? "—"),
            ("Unanswered", ReportFormat.count(summary.unansweredCount)),
            ("Errors", ReportFormat.count(summary.errorCount)),
            ("Truncated", ReportFormat.count(summary.truncatedCount)),
            ("Input tokens", ReportFormat.count(usage.inputTokens)),
            ("Output tokens", ReportFormat.count(usage.outputTokens)),
            ("Tokens per item", summary.tokensPerItem.map(ReportFormat.mean) ?? "—"),
            ("Cost", summary.cost.map(ReportFormat.dollars) ?? "unknown"),
            ("Cost per item", summary.costPerItem.map(ReportFormat.dollars) ?? "—"),
            ("Cost per correct answer",
             summary.costPerCorrectAnswer.map(ReportFormat.dollars) ?? "—"),
        ]
        if let latency = summary.latency {
            rows.append(("Latency p50 / p95 / p99", [latency.p50, latency.p95, latency.p99]
                .map(ReportFormat.seconds).joined(separator: " / ")))
        }
        rows += [
            ("Wall time", ReportFormat.seconds(summary.wallTime.seconds)),
            ("Throughput", String(format: "%.2f items/s", summary.itemsPerSecond)),
        ]
        var text = "## Results\n\n| Metric | Value |\n| --- | ---: |\n"
        for (label, value) in rows { text += "| \(label) | \(Self.escapeCell(value)) |\n" }
        return text
    }

    private func subsetTable(_ subsets: [EvaluationSubsetSummary]) -> String {
        var text = "## Subsets\n\n"
            + "| Subset | Items | Correct | Accuracy | 95% interval | Tokens | Cost |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for subset in subsets {
            let interval = subset.accuracyInterval
            let cells = [
                Self.escapeCell(subset.name ?? "(none)"),
                ReportFormat.count(subset.itemCount),
                ReportFormat.count(subset.correctCount),
                ReportFormat.percent(subset.accuracy),
                ReportFormat.percent(interval.lower) + " – "
                    + ReportFormat.percent(interval.upper),
                ReportFormat.count(subset.usage.totalTokens),
                Self.escapeCell(subset.cost.map(ReportFormat.dollars) ?? "unknown"),
            ]
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return text
    }

    private func breakdownTable(_ table: SystemBreakdown.Table) -> String {
        var text = "## " + Self.escapeInline(table.title) + "\n\n"
            + (table.note.map { Self.escapeInline($0) + "\n\n" } ?? "")
            + "| " + table.columns.map { Self.escapeCell($0.0) }.joined(separator: " | ")
            + " |\n| " + table.columns.map { $0.1 == .left ? "---" : "---:" }
                .joined(separator: " | ") + " |\n"
        for row in table.rows {
            text += "| " + row.map(Self.escapeCell).joined(separator: " | ") + " |\n"
        }
        return text
    }

    private func misses() -> String {
        let missed = summary.results.filter { $0.verdict != .correct }
        guard !missed.isEmpty else {
            return "## Incorrect and failed items\n\n"
                + (summary.itemCount == 0 ? "No items were evaluated.\n" : "None.\n")
        }
        let listed = maximumListedItems.map { Array(missed.prefix(max(0, $0))) } ?? missed
        var text = "## Incorrect and failed items\n\n"
            + "| ID | Verdict | Gold | Extracted | Explanation |\n"
            + "| --- | --- | --- | --- | --- |\n"
        for result in listed {
            let explanation = result.error.map { "Error: " + $0 }
                ?? result.outcome?.explanation ?? ""
            let cells = [result.recordID, result.verdict.label, result.gold,
                         result.outcome?.extractedAnswer ?? "—", explanation]
            text += "| " + cells.map(Self.escapeCell).joined(separator: " | ") + " |\n"
        }
        if listed.count < missed.count {
            text += "\n\(ReportFormat.count(missed.count - listed.count)) more not listed.\n"
        }
        return text
    }

    /// `text` made safe inside a Markdown table cell.
    ///
    /// Backslashes, pipes and the characters that start emphasis, links or code are
    /// backslash-escaped; `&`, `<` and `>` become entities; each line break (CR, LF or
    /// CRLF) becomes `<br>`.
    public static func escapeCell(_ text: String) -> String {
        var escaped = ""
        var previousWasCarriageReturn = false
        for character in text.unicodeScalars {
            defer { previousWasCarriageReturn = character == "\r" }
            switch character {
            case "\n" where previousWasCarriageReturn: continue
            case "\r", "\n": escaped += "<br>"
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\\", "|", "`", "*", "_", "[", "]", "#", "~":
                escaped += "\\" + String(character)
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    private static func escapeInline(_ text: String) -> String {
        escapeCell(text).replacingOccurrences(of: "\\|", with: "|")
    }

    /// Text for inside backticks: a backtick would end the span, so it becomes a quote.
    private static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
    }
}
