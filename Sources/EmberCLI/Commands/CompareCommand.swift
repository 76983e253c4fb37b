import Ember
import Foundation

/// `ember compare RUN_A RUN_B`: two runs from the journal, paired item by item.
enum CompareCommand {
    static let specification = CommandSpecification(
        path: "ember compare",
        overview: "Compare two evaluation runs on the items they share: each one's accuracy, "
            + "the difference with a paired bootstrap interval, McNemar's exact test, the items "
            + "that flipped, and cost and latency. No model is called.",
        arguments: [
            ArgumentSpecification(name: "RUN_A", help: "The baseline run (see 'ember runs')."),
            ArgumentSpecification(name: "RUN_B", help: "The run compared with it."),
        ],
        options: [
            OptionSpecification(name: "resamples", valueName: "N",
                                help: "Paired bootstrap resamples (default: 10000)."),
            OptionSpecification(name: "seed", valueName: "N",
                                help: "The bootstrap's seed: the same seed, the same interval "
                                    + "(default: 0)."),
            OptionSpecification(name: "show", valueName: "N",
                                help: "List at most N flipped items each way (default: 10)."),
            OptionSpecification(name: "format", valueName: "FORMAT",
                                help: "table (default) or json."),
        ])

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        guard parsed.positionals.count == 2 else {
            throw parsed.fail(parsed.positionals.count < 2
                ? "Missing a run id: 'ember compare <run-a> <run-b>'."
                : "Unexpected argument '\(parsed.positionals[2])'.")
        }
        let resamples = try parsed.integer("resamples", default: 10_000)
        let show = try parsed.integer("show", default: 10)
        let seedText = parsed.value("seed") ?? "0"
        guard let seed = UInt64(seedText) else {
            throw parsed.fail("The value '\(seedText)' of '--seed' is not valid; expected a "
                + "whole number from 0 to \(UInt64.max).")
        }
        let format = parsed.value("format") ?? "table"
        guard ["table", "json"].contains(format) else {
            throw parsed.fail("The value '\(format)' of '--format' is not valid; expected "
                + "table or json.")
        }

        let context = EmberContext(settings: try EmberSettings.load())
        guard let journal = context.journal else {
            throw EvalFailure("the run journal at \(context.settings.databasePath) cannot be "
                + "opened (\(context.ledgerError.map { "\($0)" } ?? "unknown error"))")
        }
        let runs = try parsed.positionals.map { id in
            guard let run = try journal.run(id: id) else {
                throw parsed.fail(JournalError.unknownRun(id: id, path: journal.path).description)
            }
            return run
        }
        let (a, b) = (runs[0], runs[1])
        guard data(of: a) == data(of: b) else {
            throw ComparisonError.differentData(a: data(of: a), b: data(of: b))
        }
        let comparison = try PairedComparison(
            a: try journal.items(runID: a.id), b: try journal.items(runID: b.id),
            resamples: resamples, seed: seed)
        if format == "json" {
            print(json(comparison, a: a, b: b))
        } else {
            print(table(comparison, a: a, b: b, show: show), terminator: "")
        }
        return 0
    }

    /// The data a run is over: its dataset, split and subset.
    private static func data(of run: RunEntry) -> String {
        let configuration = run.configuration
        return [configuration.dataset, configuration.split.map { "split \($0)" },
                configuration.subset.map { "subset \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    private static func table(_ comparison: PairedComparison, a: RunEntry, b: RunEntry,
                              show: Int) -> String {
        let count = comparison.pairs.count
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        func points(_ value: Double) -> String { String(format: "%+.1f", value * 100) }
        func interval(_ side: PairedComparison.Side) -> String {
            "[\(percent(side.interval.lower)), \(percent(side.interval.upper))]"
        }
        func dollars(_ amount: Decimal?) -> String { amount?.dollarsText ?? "unknown" }
        func perCorrect(_ side: PairedComparison.Side) -> String {
            side.correct == 0 ? "none correct" : dollars(side.costPerCorrectAnswer)
        }
        func change(_ first: Decimal?, _ second: Decimal?) -> String {
            guard let first, let second else { return "unknown" }
            let difference = second - first
            return (difference >= 0 ? "+" : "-") + abs(difference).dollarsText
        }
        func seconds(_ value: Double?) -> String {
            value.map { String(format: "%.2f s", $0) } ?? "–"
        }
        func secondsChange(_ first: Double?, _ second: Double?) -> String {
            guard let first, let second else { return "–" }
            return String(format: "%+.2f s", second - first)
        }
        let difference = comparison.differenceInterval
        var text = "A  \(a.id)  \(a.configuration.system)\n"
            + "B  \(b.id)  \(b.configuration.system)\n"
            + "Paired on \(count) shared items of \(data(of: a))"
            + (count < max(a.finishedCount, b.finishedCount)
                ? " (A finished \(a.finishedCount), B \(b.finishedCount))" : "") + ".\n\n"
        let rows: [[String]] = [
            ["Measure", "A", "B", "B − A"],
            ["Accuracy", "\(percent(comparison.a.accuracy)) \(interval(comparison.a))",
             "\(percent(comparison.b.accuracy)) \(interval(comparison.b))",
             "\(points(comparison.difference)) points "
                + "[\(points(difference.lower)), \(points(difference.upper))]"],
            ["Correct", "\(comparison.a.correct)", "\(comparison.b.correct)",
             String(format: "%+d", comparison.b.correct - comparison.a.correct)],
            ["Cost", dollars(comparison.a.cost), dollars(comparison.b.cost),
             change(comparison.a.cost, comparison.b.cost)],
            ["Cost per item", dollars(comparison.a.costPerItem(of: count)),
             dollars(comparison.b.costPerItem(of: count)),
             change(comparison.a.costPerItem(of: count), comparison.b.costPerItem(of: count))],
            ["Cost per correct", perCorrect(comparison.a), perCorrect(comparison.b),
             change(comparison.a.costPerCorrectAnswer, comparison.b.costPerCorrectAnswer)],
            ["Latency p50", seconds(comparison.a.latency?.p50),
             seconds(comparison.b.latency?.p50),
             secondsChange(comparison.a.latency?.p50, comparison.b.latency?.p50)],
            ["Latency mean", seconds(comparison.a.latency?.mean),
             seconds(comparison.b.latency?.mean),
             secondsChange(comparison.a.latency?.mean, comparison.b.latency?.mean)],
        ]
        text += TextTable(rows).render() + "\n\n"
        text += "Intervals are 95%: Wilson for each run; for B − A, a paired bootstrap of "
            + "\(comparison.resamples) resamples (seed \(comparison.seed)).\n"
        text += String(format: "McNemar's exact test: p = %.4f", comparison.pValue)
            + " (\(comparison.onlyA.count) items only A got right, \(comparison.onlyB.count) "
            + "only B).\n"
        for (title, pairs) in [("Right in B, wrong in A", comparison.onlyB),
                               ("Right in A, wrong in B", comparison.onlyA)]
        where !pairs.isEmpty {
            text += "\n\(title) (\(pairs.count)"
                + (pairs.count > show ? ", the first \(show)" : "") + "):\n"
            var flipped = [["ITEM", "GOLD", "A", "B"]]
            for pair in pairs.prefix(show) {
                flipped.append([pair.recordID, pair.a.gold, answer(pair.a), answer(pair.b)])
            }
            text += TextTable(flipped).render().split(separator: "\n")
                .map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// What a result answered: the extracted answer, else the failure, else "no answer".
    private static func answer(_ result: EvaluationItemResult) -> String {
        if let extracted = result.outcome?.extractedAnswer { return String(extracted.prefix(40)) }
        if result.error != nil { return "(call failed)" }
        return "(no answer)"
    }

    private static func json(_ comparison: PairedComparison, a: RunEntry, b: RunEntry)
        -> String
    {
        func decimal(_ amount: Decimal?) -> Any { amount.map { NSDecimalNumber(decimal: $0) }
            ?? NSNull() }
        func side(_ side: PairedComparison.Side, run: RunEntry) -> [String: Any] {
            [
                "run_id": run.id, "system": run.configuration.system,
                "correct": side.correct, "accuracy": side.accuracy,
                "accuracy_interval": [side.interval.lower, side.interval.upper],
                "cost": decimal(side.cost),
                "cost_per_item": decimal(side.costPerItem(of: comparison.pairs.count)),
                "cost_per_correct": decimal(side.costPerCorrectAnswer),
                "latency_p50_seconds": side.latency?.p50 ?? NSNull(),
                "latency_mean_seconds": side.latency?.mean ?? NSNull(),
            ]
        }
        func flipped(_ pairs: [PairedComparison.Pair]) -> [[String: Any]] {
            pairs.map { ["record_id": $0.recordID, "gold": $0.a.gold,
                         "a_answer": $0.a.outcome?.extractedAnswer ?? NSNull(),
                         "b_answer": $0.b.outcome?.extractedAnswer ?? NSNull()] }
        }
        let object: [String: Any] = [
            "schema_version": 1,
            "shared_items": comparison.pairs.count,
            "a": side(comparison.a, run: a),
            "b": side(comparison.b, run: b),
            "difference": comparison.difference,
            "difference_interval": [comparison.differenceInterval.lower,
                                    comparison.differenceInterval.upper],
            "bootstrap": ["resamples": comparison.resamples, "seed": comparison.seed],
            "mcnemar_exact_p": comparison.pValue,
            "only_a_correct": flipped(comparison.onlyA),
            "only_b_correct": flipped(comparison.onlyB),
        ]
        let data = (try? JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
