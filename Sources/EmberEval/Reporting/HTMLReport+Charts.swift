import EmberModels
import Foundation

extension HTMLReport {
    /// The charts: accuracy by subset over the full width, latency and cost below.
    func charts() -> String {
        "<section class=\"charts\">" + accuracyFigure() + "<div class=\"pair\">"
            + latencyFigure() + costFigure() + "</div></section>"
    }

    private func accuracyFigure() -> String {
        let subsets = summary.subsets
        let title = subsets.count > 1 ? "Accuracy by subset" : "Accuracy"
        guard summary.itemCount > 0 else {
            return figure(title, note: nil, body: empty("No items were evaluated."))
        }
        var rows = [SVGChart.AccuracyRow(
            label: "Overall", correct: summary.correctCount, total: summary.itemCount,
            interval: summary.accuracyInterval, isEmphasised: subsets.count > 1)]
        if subsets.count > 1 {
            rows += subsets.map {
                SVGChart.AccuracyRow(label: $0.name ?? "(no subset)", correct: $0.correctCount,
                                     total: $0.itemCount, interval: $0.accuracyInterval)
            }
        }
        let chart = SVGChart.accuracy(
            rows, description: "Accuracy with 95% Wilson intervals, "
                + (subsets.count > 1 ? "overall and for each subset" : "overall"))
        return figure(title, note: "Bars show accuracy; whiskers the 95% Wilson interval.",
                      body: chart)
    }

    private func latencyFigure() -> String {
        guard let latency = summary.latency else {
            return figure("Latency", note: nil, body: empty("No call returned an answer."))
        }
        let values = summary.results.filter { $0.error == nil }.map(\.latency.seconds)
        let chart = SVGChart.histogram(
            values,
            markers: [.init(label: "p50", value: latency.p50),
                      .init(label: "p95", value: latency.p95),
                      .init(label: "p99", value: latency.p99)],
            noun: "items", description: "Histogram of item latencies in seconds",
            format: ReportFormat.seconds)
        return figure("Latency", note: "Seconds per answered item; "
                      + "mean \(ReportFormat.seconds(latency.mean)).", body: chart)
    }

    /// Cost per item when every answered item has a known cost, else tokens per item.
    private func costFigure() -> String {
        let answered = summary.results.filter { $0.error == nil }
        let costs = answered.compactMap(\.cost)
        if !answered.isEmpty, costs.count == answered.count, costs.contains(where: { $0 > 0 }) {
            let values = costs.map { NSDecimalNumber(decimal: $0).doubleValue }
            let chart = SVGChart.histogram(
                values, markers: [], noun: "items",
                description: "Histogram of the cost of each answered item in dollars",
                format: { ReportFormat.dollars(Decimal($0)) })
            let note = summary.cost.map { "Dollars per answered item; "
                + "\(ReportFormat.dollars($0)) in total." } ?? "Dollars per answered item."
            return figure("Cost per item", note: note, body: chart)
        }
        let tokens = summary.results.compactMap(\.usage).map { Double($0.totalTokens) }
        guard !tokens.isEmpty else {
            return figure("Tokens per item", note: nil,
                          body: empty("No item reported its token usage."))
        }
        let chart = SVGChart.histogram(
            tokens, markers: [], noun: "items",
            description: "Histogram of the tokens each item used",
            format: { ReportFormat.count(Int($0.rounded())) })
        return figure("Tokens per item", note: "Input and output tokens; "
                      + (summary.cost == nil ? "cost unknown." : "no cost recorded."),
                      body: chart)
    }

    private func figure(_ title: String, note: String?, body: String) -> String {
        "<figure class=\"panel\"><figcaption><h2>\(title)</h2>"
            + (note.map { "<p class=\"detail\">\(HTMLText.escape($0))</p>" } ?? "")
            + "</figcaption>\(body)</figure>"
    }

    private func empty(_ message: String) -> String {
        "<p class=\"empty\">\(HTMLText.escape(message))</p>"
    }
}
