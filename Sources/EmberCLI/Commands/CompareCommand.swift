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
                                help: "Paired bootstrap resamples, from 100 to 1000000 "
                                    + "(default: 10000)."),
            OptionSpecification(name: "seed", valueName: "N",
                                help: "The bootstrap's seed: the same seed, the same interval "
                                    + "(default: 0)."),
            OptionSpecification(name: "show", valueName: "N",
                                help: "List at most N flipped items each way in the table, "
                                    + "Markdown and HTML (default: 10; JSON lists all)."),
            OptionSpecification(name: "format", valueName: "FORMAT",
                                help: "table (default), json, markdown, or html (a "
                                    + "self-contained page on stdout: redirect it to a file)."),
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
        let resamples = try parsed.integer("resamples", default: 10_000,
                                           in: OptionRanges.resamples)
        let show = try parsed.integer("show", default: 10)
        let seedText = parsed.value("seed") ?? "0"
        guard let seed = UInt64(seedText) else {
            throw parsed.fail("The value '\(seedText)' of '--seed' is not valid; expected a "
                + "whole number from 0 to \(UInt64.max).")
        }
        let format = try RunReports.format(parsed)

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
        guard a.dataDescription == b.dataDescription else {
            throw ComparisonError.differentData(a: a.dataDescription, b: b.dataDescription)
        }
        let comparison = try PairedComparison(
            a: try journal.items(runID: a.id), b: try journal.items(runID: b.id),
            resamples: resamples, seed: seed)
        let report = ComparisonReport(comparison: comparison, a: a, b: b,
                                      maximumListedItems: show)
        switch format {
        case "json": print(json(comparison, a: a, b: b))
        case "markdown": print(report.renderMarkdown(), terminator: "")
        case "html": print(report.renderHTML(), terminator: "")
        default: print(report.renderTable(), terminator: "")
        }
        return 0
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
