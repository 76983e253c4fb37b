import Foundation
import EmberModels

/// Renders an evaluation summary as a plain-text table for a terminal.
public struct TerminalReport: Sendable {
    /// The heading: dataset, system and settings.
    public var title: String
    /// The summary to render.
    public var summary: EvaluationSummary

    /// Creates a report.
    public init(title: String, summary: EvaluationSummary) {
        self.title = title
        self.summary = summary
    }

    /// The table, one row per figure, ending in a newline.
    public func render() -> String {
        let interval = summary.accuracyInterval
        let usage = summary.usage
        var rows: [(String, String)] = [
            ("Items", count(summary.itemCount)
                + (summary.isComplete ? "" : " of \(count(summary.plannedCount)) (interrupted)")),
            ("Correct", count(summary.correctCount)),
            ("Accuracy", "\(percent(summary.accuracy))  "
                + "(95% Wilson CI \(percent(interval.lower))–\(percent(interval.upper)))"),
            ("Unanswered", count(summary.unansweredCount) + "  (no answer found in the reply)"),
            ("Errors", count(summary.errorCount) + "  (failed calls, scored wrong)"),
            ("Prompt tokens", count(usage.inputTokens)),
            ("Completion tokens", count(usage.outputTokens)),
            ("Cost", summary.cost.map(dollars) ?? "unknown (no prices for this model)"),
            ("Wall time", String(format: "%.1f s", summary.wallTime.seconds)),
            ("Throughput", String(format: "%.2f items/s", summary.itemsPerSecond)),
        ]
        if let latency = medianLatency() {
            rows.insert(("Latency p50", String(format: "%.2f s per item", latency)), at: 8)
        }
        let width = rows.map(\.0.count).max() ?? 0
        var text = title + "\n\n"
        for (label, value) in rows {
            text += "  " + label.padding(toLength: width, withPad: " ", startingAt: 0)
                + "   " + value + "\n"
        }
        return text
    }

    private func medianLatency() -> Double? {
        let sorted = summary.results.map(\.latency.seconds).sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2)
            ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    private func dollars(_ amount: Decimal) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = 4
        formatter.maximumFractionDigits = 6
        return "$" + (formatter.string(from: amount as NSDecimalNumber) ?? "\(amount)")
    }

    private func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    private func count(_ value: Int) -> String {
        let digits = String(value)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index).isMultiple(of: 3) { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }
}
