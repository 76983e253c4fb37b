import Foundation

extension ComparisonReport {
    /// The comparison as Markdown: the runs, a table of the measures, the tests, and a table
    /// of the flipped items each way. Ends in a newline.
    ///
    /// Ids, systems and answers are escaped for a table cell (see
    /// ``MarkdownReport/escapeCell(_:)``), so an answer cannot end its row or inject markup.
    public func renderMarkdown() -> String {
        var text = "# Comparison of run \(MarkdownReport.escapeCell(a.id)) and run "
            + "\(MarkdownReport.escapeCell(b.id))\n\n"
            + "| Run | Id | System | Items finished |\n| --- | --- | --- | ---: |\n"
        for (name, run) in [("A", a), ("B", b)] {
            text += "| \(name) | \(MarkdownReport.escapeCell(run.id)) | "
                + "\(MarkdownReport.escapeCell(run.configuration.system)) | "
                + "\(ReportFormat.count(run.finishedCount)) |\n"
        }
        text += "\n" + MarkdownReport.escapeCell(pairingSentence) + "\n\n## Results\n\n"
            + "| Measure | A | B | B − A |\n| --- | ---: | ---: | ---: |\n"
        for measure in measures {
            let cells = [measure.label, measure.a, measure.b, measure.change]
            text += "| " + cells.map(MarkdownReport.escapeCell).joined(separator: " | ") + " |\n"
        }
        text += "\n" + intervalsSentence + "\n\n" + mcNemarSentence + "\n"
        for (title, pairs) in flips {
            text += "\n## " + heading(title, pairs) + "\n\n"
            guard !pairs.isEmpty else {
                text += "None.\n"
                continue
            }
            text += "| Item | Gold | A's answer | B's answer |\n| --- | --- | --- | --- |\n"
            for pair in listed(pairs) {
                let cells = [pair.recordID, pair.a.gold, Self.answer(pair.a), Self.answer(pair.b)]
                text += "| " + cells.map(MarkdownReport.escapeCell).joined(separator: " | ")
                    + " |\n"
            }
        }
        return text
    }
}
