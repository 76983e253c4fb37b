import Ember
import Foundation

/// `ember runs`: the evaluation runs in the journal, and one run's report.
enum RunsCommand {
    static let specification = CommandSpecification(
        path: "ember runs",
        overview: "List past evaluation runs with their headline figures, or show one run's "
            + "report from its journal.",
        arguments: [ArgumentSpecification(
            name: "show RUN_ID", help: "Print the report of one run (no model is called).")],
        options: [
            OptionSpecification(name: "limit", valueName: "N",
                                help: "List at most N runs, the most recent first "
                                    + "(default: 20)."),
            OptionSpecification(name: "format", valueName: "FORMAT",
                                help: "With show: table (default), json, markdown, or html."),
            OptionSpecification(name: "output", valueName: "DIR",
                                help: "With show: write the reports here (default: the run's "
                                    + "report directory)."),
        ])

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        let context = EmberContext(settings: try EmberSettings.load())
        guard let journal = context.journal else {
            throw EvalFailure("the run journal at \(context.settings.databasePath) cannot be "
                + "opened (\(context.ledgerError.map { "\($0)" } ?? "unknown error"))")
        }
        switch parsed.positionals.first {
        case nil:
            return try list(journal, limit: parsed.integer("limit", default: 20))
        case "show":
            guard parsed.positionals.count == 2 else {
                throw parsed.fail(parsed.positionals.count < 2
                    ? "Missing the run id: 'ember runs show <run-id>'."
                    : "Unexpected argument '\(parsed.positionals[2])'.")
            }
            return try show(parsed.positionals[1], journal: journal, context: context,
                            parsed: parsed)
        case let other?:
            throw parsed.fail("Unknown argument '\(other)'; 'ember runs' lists the runs and "
                + "'ember runs show <run-id>' prints one.")
        }
    }

    private static func list(_ journal: RunJournal, limit: Int) throws -> Int32 {
        let runs = try journal.runs(limit: limit)
        guard !runs.isEmpty else {
            print("No evaluation runs yet in \(journal.path); 'ember eval' starts one.")
            return 0
        }
        var rows = [["RUN", "STARTED (UTC)", "STATUS", "DATASET", "SYSTEM", "ITEMS", "ACCURACY",
                     "WALL"]]
        for run in runs {
            let accuracy = run.finishedCount > 0
                ? String(format: "%.1f%%", Double(run.correctCount)
                    / Double(run.finishedCount) * 100) : "–"
            rows.append([
                run.id, run.createdAt.formatted(.iso8601.year().month().day().time(
                    includingFractionalSeconds: false).dateTimeSeparator(.space)),
                run.status.rawValue, run.configuration.dataset,
                String(run.configuration.system.prefix(40)),
                "\(run.finishedCount)/\(run.plannedCount)"
                    + (run.errorCount > 0 ? " (\(run.errorCount) errors)" : ""),
                accuracy, String(format: "%.1f s", run.wallTime.seconds),
            ])
        }
        print(TextTable(rows).render())
        return 0
    }

    private static func show(_ id: String, journal: RunJournal, context: EmberContext,
                             parsed: ParsedArguments) throws -> Int32
    {
        guard let run = try journal.run(id: id) else {
            throw parsed.fail(JournalError.unknownRun(id: id, path: journal.path).description)
        }
        let format = try RunReports.format(parsed)
        let summary = EvaluationSummary(results: try journal.items(runID: id),
                                        plannedCount: run.plannedCount, wallTime: run.wallTime)
        let configuration = run.configuration
        let header = EvaluationReportHeader(
            runID: run.id,
            title: "\(configuration.dataset) · \(configuration.system) · run \(run.id)",
            configuration: configuration, startedAt: run.createdAt, finishedAt: run.updatedAt,
            isInterrupted: run.status != .complete)
        try RunReports.emit(
            header: header, summary: summary, format: format,
            directory: parsed.value("output")
                ?? RunReports.defaultDirectory(runID: run.id, context: context))
        return 0
    }
}
