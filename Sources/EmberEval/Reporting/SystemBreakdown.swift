import EmberModels
import Foundation

/// The part of a report that looks inside a compound system: what each node earned, spent
/// and took, how the judges and verifiers revised the majorities they were given, and the
/// vote curve of each ensemble.
///
/// The figures are laid out once here as titled tables of text cells, which the terminal,
/// Markdown and HTML reports each render in their own way. A single-model run has none.
struct SystemBreakdown {
    /// A titled table of text cells.
    struct Table {
        var title: String
        var note: String?
        var columns: [(String, TextTable.Alignment)]
        var rows: [[String]]
    }

    /// The node figures, or `nil` for a run with no node outputs.
    var attribution: NodeAttribution?
    /// The vote curve of each node that drew several samples per item.
    var curves: [EnsembleVoteCurve]

    init(summary: EvaluationSummary) {
        attribution = NodeAttribution(results: summary.results)
        curves = attribution == nil ? [] : EnsembleVoteCurve.curves(of: summary.results)
    }

    /// The tables, in reading order; empty for a single-model run.
    var tables: [Table] {
        guard let attribution else { return [] }
        var tables = [nodeTable(attribution)]
        if let revisions = revisionTable(attribution) { tables.append(revisions) }
        tables += curves.map(curveTable)
        return tables
    }

    /// A table as aligned plain text: its title, the columns, and its note.
    static func plainText(_ table: Table) -> String {
        var text = TextTable(columns: table.columns)
        for row in table.rows { text.append(row) }
        return table.title + "\n" + text.render() + (table.note.map { "  " + $0 + "\n" } ?? "")
    }

    private func nodeTable(_ attribution: NodeAttribution) -> Table {
        let rows = attribution.nodes.map { node -> [String] in
            [
                node.id + " " + node.label,
                ReportFormat.count(node.itemCount),
                node.accuracy.map { accuracy in
                    let interval = node.accuracyInterval!
                    return ReportFormat.percent(accuracy) + " ("
                        + ReportFormat.percent(interval.lower) + "–"
                        + ReportFormat.percent(interval.upper) + ")"
                } ?? "—",
                node.sampleAccuracy.map(ReportFormat.percent) ?? "—",
                ReportFormat.count(node.callCount),
                ReportFormat.count(node.tokens) + " (" + ReportFormat.percent(node.tokenShare)
                    + ")",
                (node.cost.map(ReportFormat.dollars) ?? "unknown")
                    + (node.costShare.map { " (" + ReportFormat.percent($0) + ")" } ?? ""),
                node.latency.map { ReportFormat.seconds($0.p50) } ?? "—",
                node.latency.map { ReportFormat.seconds($0.p95) } ?? "—",
                ReportFormat.percent(node.criticalPathShare),
            ]
        }
        return Table(
            title: "Nodes",
            note: "Accuracy is the node's own answer scored against the gold answer (95% "
                + "Wilson interval); per sample scores each of its calls' answers on its own. "
                + "Shares are of all nodes' tokens and cost; critical path is the node's "
                + "share of the time on the chain of nodes that bounded each item.",
            columns: [("Node", .left), ("Items", .right), ("Accuracy", .right),
                      ("Per sample", .right), ("Calls", .right), ("Tokens (share)", .right),
                      ("Cost (share)", .right), ("p50", .right), ("p95", .right),
                      ("Critical path", .right)],
            rows: rows)
    }

    private func revisionTable(_ attribution: NodeAttribution) -> Table? {
        let revised = attribution.nodes.compactMap { node in
            node.revisions.map { (node, $0) }
        }
        guard !revised.isEmpty else { return nil }
        return Table(
            title: "Judges and verifiers against the majority they were given",
            note: "Overturned: the majority was right and the node's answer is wrong. Fixed: "
                + "the majority was wrong and the node's answer is right.",
            columns: [("Node", .left), ("Items", .right), ("Kept right", .right),
                      ("Overturned", .right), ("Fixed", .right), ("Kept wrong", .right),
                      ("Net", .right)],
            rows: revised.map { node, counts in
                [node.id + " " + node.label, ReportFormat.count(counts.total),
                 ReportFormat.count(counts.keptCorrect), ReportFormat.count(counts.overturned),
                 ReportFormat.count(counts.fixed), ReportFormat.count(counts.keptWrong),
                 (counts.netGain > 0 ? "+" : "") + ReportFormat.count(counts.netGain)]
            })
    }

    private func curveTable(_ curve: EnsembleVoteCurve) -> Table {
        Table(
            title: "Vote curve of \(curve.nodeID) \(curve.label)",
            note: "Votes over k of each item's samples (\(ReportFormat.count(curve.itemCount)) "
                + "items), averaged over every k of them, or over 64 seeded random subsets where there "
                + "are more; no model was called. "
                + "Oracle@k: any of the k is right (the unbiased pass@k estimate). "
                + "Tie rule: \(curve.curve.tieBreakRule).",
            columns: [("k", .right), ("Maj@k", .right), ("Oracle@k", .right),
                      ("Margin", .right), ("Agreement", .right), ("Ties", .right),
                      ("No answer", .right), ("Tokens/item", .right), ("Cost/item", .right)],
            rows: curve.curve.points.map { point in
                [String(point.k), ReportFormat.percent(point.majorityAccuracy),
                 ReportFormat.percent(point.oracleAccuracy),
                 ReportFormat.percent(point.meanMargin), ReportFormat.percent(point.agreement),
                 ReportFormat.percent(point.tieRate), ReportFormat.percent(point.noAnswerRate),
                 curve.tokensPerSample.map { ReportFormat.mean($0 * Double(point.k)) } ?? "—",
                 curve.costPerSample.map { ReportFormat.dollars($0 * Decimal(point.k)) }
                    ?? "unknown"]
            })
    }
}
