import Ember
import Foundation

extension EvalCommand {
    /// The options `--rescore` may be given with; the others define a run's answers, which
    /// a re-scoring keeps.
    static let rescoreOptions: Set<String> = ["rescore", "evaluator", "format", "output",
                                              "data-dir"]

    /// `ember eval --rescore RUN_ID`: scores a run's saved answers again, with another
    /// evaluator or the same one, as a new run linked to the first. No model is called, and
    /// no model server needs to be running.
    static func rescore(_ id: String, parsed: ParsedArguments, format: String,
                        context: EmberContext, journal: RunJournal) async throws -> Int32 {
        if let other = parsed.values.keys.sorted().first(where: { !rescoreOptions.contains($0) })
        {
            throw parsed.fail("'--\(other)' cannot be used with '--rescore': a re-scoring keeps "
                + "the run's answers and changes only how they are scored; it takes "
                + "--evaluator, --format, --output and --data-dir.")
        }
        guard let original = try journal.run(id: id) else {
            throw parsed.fail(JournalError.unknownRun(id: id, path: journal.path).description)
        }
        var configuration = original.configuration
        if let evaluator = parsed.value("evaluator") {
            do {
                _ = try EvalPlan.makeEvaluator(evaluator)
            } catch {
                throw parsed.fail("\(error)")
            }
            configuration.evaluator = evaluator
        }
        let items = try journal.items(runID: id)
        guard !items.isEmpty else {
            throw EvalFailure("run \(id) has no finished item to score again")
        }
        let plan = try await EvalPlan.make(configuration,
                                           service: context.datasets(
                                               directory: parsed.value("data-dir")),
                                           progress: { printError($0) })
        let positions = Dictionary(plan.records.enumerated().map { ($1.id, $0) }) { a, _ in a }
        let missing = items.filter { positions[$0.recordID] == nil }
        guard missing.isEmpty else {
            throw EvalFailure("\(missing.count) of the \(items.count) items of run \(id) are not "
                + "in the dataset as it reads now (the first: \(missing[0].recordID)); the "
                + "data has changed since the run, so its answers cannot be scored against it")
        }

        let clock = ContinuousClock()
        let start = clock.now
        let run = try journal.startRun(configuration: configuration,
                                       plannedCount: original.plannedCount, parentID: id)
        printError("Run \(run.id): scoring the \(items.count) answers of run \(id) again with "
            + "\(configuration.evaluator); no model is called.")
        var results: [EvaluationItemResult] = []
        for item in items {
            guard let position = positions[item.recordID] else { continue }
            let rescored = await item.rescored(with: plan.evaluator,
                                               for: plan.records[position])
            try journal.record(rescored, position: position, runID: run.id)
            results.append(rescored)
        }
        // The answers took the original run's time; the scoring's own is only reported.
        try journal.update(runID: run.id, status: original.status, wallTime: original.wallTime)
        printError(String(format: "Scored in %.2f s.", (clock.now - start).seconds))

        let summary = EvaluationSummary(results: results, plannedCount: original.plannedCount,
                                        wallTime: original.wallTime)
        let header = EvaluationReportHeader(
            runID: run.id,
            title: "\(plan.title) · \(configuration.system) · rescored from \(id) with "
                + configuration.evaluator,
            configuration: configuration, startedAt: original.createdAt, finishedAt: Date(),
            isInterrupted: original.status != .complete)
        try RunReports.emit(
            header: header, summary: summary, format: format,
            directory: parsed.value("output")
                ?? RunReports.defaultDirectory(runID: run.id, context: context))
        return 0
    }
}
