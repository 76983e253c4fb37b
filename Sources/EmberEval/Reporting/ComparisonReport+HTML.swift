import Foundation

extension ComparisonReport {
    /// The comparison as one self-contained HTML page in the style of the evaluation
    /// report: headline cards, the two accuracies charted with their intervals, the table of
    /// measures, and the flipped items each way. Ends in a newline.
    ///
    /// Every piece of text from the runs (ids, systems, gold and given answers) is escaped.
    public func renderHTML() -> String {
        let title = "Run \(a.id) against run \(b.id)"
        let body = ComparisonHTMLPage.heading(
            eyebrow: "Ember comparison", title: title,
            facts: [("A", "\(a.id) · \(a.configuration.system)"),
                    ("B", "\(b.id) · \(b.configuration.system)"),
                    ("Items", pairingSentence)])
            + cards() + accuracyFigure() + measuresTable() + flippedTables()
            + ComparisonHTMLPage.footer(intervalsSentence + " A failed call counts as wrong. "
                + "Costs are in US dollars; an unknown cost is shown as unknown, never as $0.")
        return ComparisonHTMLPage.render(title: title + " · Ember comparison", body: body)
    }

    private func cards() -> String {
        let (first, second) = (comparison.a, comparison.b)
        let difference = comparison.differenceInterval
        func interval(_ side: PairedComparison.Side) -> String {
            "95% CI \(ReportFormat.percent(side.interval.lower))–"
                + ReportFormat.percent(side.interval.upper)
        }
        let points = String(format: "%+.1f", comparison.difference * 100)
        let cards = [
            ComparisonHTMLPage.card("Accuracy of A", ReportFormat.percent(first.accuracy),
                                    interval(first)),
            ComparisonHTMLPage.card("Accuracy of B", ReportFormat.percent(second.accuracy),
                                    interval(second)),
            ComparisonHTMLPage.card(
                "B − A", points + "<small> points</small>",
                String(format: "bootstrap 95%% CI %+.1f to %+.1f", difference.lower * 100,
                       difference.upper * 100), tone: "accent"),
            ComparisonHTMLPage.card(
                "McNemar p", String(format: "%.4f", comparison.pValue),
                "\(comparison.onlyA.count) only A right · \(comparison.onlyB.count) only B"),
        ]
        return "<section class=\"cards\" aria-label=\"Headline figures\">" + cards.joined()
            + "</section>"
    }

    private func accuracyFigure() -> String {
        let count = comparison.pairs.count
        let rows = [("A", a, comparison.a), ("B", b, comparison.b)].map { name, run, side in
            SVGChart.AccuracyRow(label: "\(name) · \(run.configuration.system)",
                                 correct: side.correct, total: count, interval: side.interval)
        }
        let chart = SVGChart.accuracy(
            rows, description: "Accuracy of each run on the shared items, with 95% Wilson "
                + "intervals")
        return "<section class=\"charts\">" + ComparisonHTMLPage.figure(
            "Accuracy on the shared items",
            note: "Bars show accuracy; whiskers the 95% Wilson interval.", chart: chart)
            + "</section>"
    }

    private func measuresTable() -> String {
        ComparisonHTMLPage.table(
            "Measures", headings: ["Measure", "A", "B", "B − A"],
            rows: measures.map { [$0.label, $0.a, $0.b, $0.change] },
            numeric: ["A", "B", "B − A"], note: mcNemarSentence)
    }

    private func flippedTables() -> String {
        flips.map { title, pairs in
            ComparisonHTMLPage.table(
                heading(title, pairs), headings: ["Item", "Gold", "A's answer", "B's answer"],
                rows: listed(pairs).map {
                    [$0.recordID, $0.a.gold, Self.answer($0.a), Self.answer($0.b)]
                }, note: pairs.isEmpty ? "None." : nil)
        }.joined()
    }
}
