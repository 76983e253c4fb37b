import EmberModels
import Foundation

/// Renders a paired comparison of two runs as a terminal table, as Markdown, or as one
/// self-contained HTML page, all three with the same figures.
///
/// Each form gives both accuracies with their 95% Wilson intervals, the difference with its
/// paired bootstrap interval, McNemar's exact p-value, the items that flipped each way with
/// both answers and the gold one, and cost and latency per item and per correct answer.
/// Text from the runs (ids, systems, answers) is escaped for the form it goes into.
public struct ComparisonReport: Sendable {
    /// One line of the table of measures: a figure for A, for B, and B's change from A.
    public struct Measure: Sendable, Hashable {
        /// What is measured (`Cost per item`).
        public var label: String
        /// Run A's figure.
        public var a: String
        /// Run B's figure.
        public var b: String
        /// B minus A, signed (`+$0.0010`, `-25.0 points`), or `–` when it cannot be told.
        public var change: String
    }

    /// The comparison to render.
    public var comparison: PairedComparison
    /// Run A, from the journal.
    public var a: RunEntry
    /// Run B, from the journal.
    public var b: RunEntry
    /// The most flipped items listed each way, or `nil` for all of them; a line says how
    /// many were left out.
    public var maximumListedItems: Int?

    /// Creates a report.
    public init(comparison: PairedComparison, a: RunEntry, b: RunEntry,
                maximumListedItems: Int? = nil) {
        self.comparison = comparison
        self.a = a
        self.b = b
        self.maximumListedItems = maximumListedItems
    }

    /// A sentence naming the shared items: `Paired on 20 shared items of gsm8k.`
    public var pairingSentence: String {
        let count = comparison.pairs.count
        return "Paired on \(ReportFormat.count(count)) shared items of \(a.dataDescription)"
            + (count < max(a.finishedCount, b.finishedCount)
                ? " (A finished \(a.finishedCount), B \(b.finishedCount))" : "") + "."
    }

    /// The measures, in the order every form shows them.
    public var measures: [Measure] {
        let count = comparison.pairs.count
        let (a, b) = (comparison.a, comparison.b)
        let difference = comparison.differenceInterval
        func accuracy(_ side: PairedComparison.Side) -> String {
            ReportFormat.percent(side.accuracy) + " [" + ReportFormat.percent(side.interval.lower)
                + ", " + ReportFormat.percent(side.interval.upper) + "]"
        }
        func perCorrect(_ side: PairedComparison.Side) -> String {
            side.correct == 0 ? "none correct" : Self.dollars(side.costPerCorrectAnswer)
        }
        return [
            Measure(label: "Accuracy", a: accuracy(a), b: accuracy(b),
                    change: Self.points(comparison.difference) + " points ["
                        + Self.points(difference.lower) + ", "
                        + Self.points(difference.upper) + "]"),
            Measure(label: "Correct", a: "\(a.correct)", b: "\(b.correct)",
                    change: String(format: "%+d", b.correct - a.correct)),
            Measure(label: "Cost", a: Self.dollars(a.cost), b: Self.dollars(b.cost),
                    change: Self.change(a.cost, b.cost)),
            Measure(label: "Cost per item", a: Self.dollars(a.costPerItem(of: count)),
                    b: Self.dollars(b.costPerItem(of: count)),
                    change: Self.change(a.costPerItem(of: count), b.costPerItem(of: count))),
            Measure(label: "Cost per correct", a: perCorrect(a), b: perCorrect(b),
                    change: Self.change(a.costPerCorrectAnswer, b.costPerCorrectAnswer)),
            Measure(label: "Latency p50", a: Self.seconds(a.latency?.p50),
                    b: Self.seconds(b.latency?.p50),
                    change: Self.secondsChange(a.latency?.p50, b.latency?.p50)),
            Measure(label: "Latency mean", a: Self.seconds(a.latency?.mean),
                    b: Self.seconds(b.latency?.mean),
                    change: Self.secondsChange(a.latency?.mean, b.latency?.mean)),
            Measure(label: "Latency per correct", a: Self.seconds(latencyPerCorrect(\.a)),
                    b: Self.seconds(latencyPerCorrect(\.b)),
                    change: Self.secondsChange(latencyPerCorrect(\.a), latencyPerCorrect(\.b))),
        ]
    }

    /// A sentence on how the intervals were found.
    public var intervalsSentence: String {
        "Intervals are 95%: Wilson for each run; for B − A, a paired bootstrap of "
            + "\(comparison.resamples) resamples (seed \(comparison.seed))."
    }

    /// McNemar's p-value and the split it is of.
    public var mcNemarSentence: String {
        String(format: "McNemar's exact test: p = %.4f", comparison.pValue)
            + " (\(comparison.onlyA.count) items only A got right, \(comparison.onlyB.count) "
            + "only B)."
    }

    /// The flipped items, each way, with a title: those B fixed first.
    var flips: [(title: String, pairs: [PairedComparison.Pair])] {
        [("Right in B, wrong in A", comparison.onlyB),
         ("Right in A, wrong in B", comparison.onlyA)]
    }

    /// The pairs of a flip listed under ``maximumListedItems``.
    func listed(_ pairs: [PairedComparison.Pair]) -> ArraySlice<PairedComparison.Pair> {
        pairs.prefix(max(0, maximumListedItems ?? pairs.count))
    }

    /// The title of a flip with its count: `Right in A, wrong in B (10, the first 3)`.
    func heading(_ title: String, _ pairs: [PairedComparison.Pair]) -> String {
        let shown = listed(pairs).count
        return "\(title) (\(pairs.count)"
            + (shown < pairs.count ? ", the first \(shown)" : "") + ")"
    }

    /// The whole latency of one run's items over its correct answers: the time one right
    /// answer takes.
    private func latencyPerCorrect(_ side: KeyPath<PairedComparison.Pair, EvaluationItemResult>)
        -> Double?
    {
        let results = comparison.pairs.map { $0[keyPath: side] }
        let correct = results.count(where: \.isCorrect)
        guard correct > 0 else { return nil }
        return results.map(\.latency.seconds).reduce(0, +) / Double(correct)
    }

    /// What a result answered: the extracted answer, else the failure, else "no answer".
    static func answer(_ result: EvaluationItemResult) -> String {
        if let extracted = result.outcome?.extractedAnswer { return extracted }
        if result.error != nil { return "(call failed)" }
        return "(no answer)"
    }

    private static func points(_ value: Double) -> String { String(format: "%+.1f", value * 100) }

    private static func dollars(_ amount: Decimal?) -> String {
        amount.map(ReportFormat.dollars) ?? "unknown"
    }

    private static func change(_ first: Decimal?, _ second: Decimal?) -> String {
        guard let first, let second else { return "unknown" }
        let difference = second - first
        return (difference >= 0 ? "+" : "-") + ReportFormat.dollars(abs(difference))
    }

    private static func seconds(_ value: Double?) -> String {
        value.map { String(format: "%.2f s", $0) } ?? "–"
    }

    private static func secondsChange(_ first: Double?, _ second: Double?) -> String {
        guard let first, let second else { return "–" }
        return String(format: "%+.2f s", second - first)
    }
}

extension ComparisonReport {
    /// The comparison as text for a terminal: the runs, the measures, the tests, and the
    /// flipped items, answers cut at 40 characters. Ends in a newline.
    public func renderTable() -> String {
        var text = "A  \(a.id)  \(a.configuration.system)\n"
            + "B  \(b.id)  \(b.configuration.system)\n" + pairingSentence + "\n\n"
        var table = TextTable(columns: [("Measure", .left), ("A", .left), ("B", .left),
                                        ("B − A", .left)])
        for measure in measures { table.append([measure.label, measure.a, measure.b,
                                                measure.change]) }
        text += table.render() + "\n" + intervalsSentence + "\n" + mcNemarSentence + "\n"
        for (title, pairs) in flips where !pairs.isEmpty {
            text += "\n" + heading(title, pairs) + ":\n"
            var flipped = TextTable(columns: [("ITEM", .left), ("GOLD", .left), ("A", .left),
                                              ("B", .left)])
            for pair in listed(pairs) {
                flipped.append([pair.recordID, pair.a.gold, Self.line(Self.answer(pair.a)),
                                Self.line(Self.answer(pair.b))])
            }
            text += flipped.render()
        }
        return text
    }

    /// An answer on one line of at most 40 characters.
    private static func line(_ answer: String) -> String {
        String(answer.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(40))
    }
}
