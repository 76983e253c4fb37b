import Ember
import Foundation

/// `ember runs`: the evaluation runs in the journal, and one run's report.
enum RunsCommand {
    static let specification = CommandSpecification(
        path: "ember runs",
        overview: "List past evaluation runs with their headline figures, the most recent "
            + "first, or show one run's report from its journal. With --pareto, set the "
            + "runs of a dataset over the same items side by side and mark those on the "
            + "accuracy-cost frontier.",
        options: [
            OptionSpecification(name: "limit", valueName: "N",
                                help: "List at most N runs (default: 20; --pareto reads "
                                    + "them all)."),
            OptionSpecification(name: "dataset", valueName: "NAME",
                                help: "Only runs over this dataset (its name or path, as "
                                    + "'ember runs' lists it)."),
            OptionSpecification(name: "pareto", valueName: nil,
                                help: "With --dataset: the runs over the same items (the "
                                    + "largest group with the same finished record ids), "
                                    + "with accuracy, cost per item and latency p50, the "
                                    + "frontier marked."),
            OptionSpecification(name: "format", valueName: "FORMAT",
                                help: "With --pareto: table (default), json, markdown, or "
                                    + "html (a page plotting accuracy against cost, on "
                                    + "stdout)."),
        ],
        subcommands: [
            ("show", "Print one run's report and write its report files (no model is called)."),
        ])

    static let showSpecification = CommandSpecification(
        path: "ember runs show",
        overview: "Print one run's report from its journal, and write report.json, report.md "
            + "and report.html; no model is called.",
        arguments: [ArgumentSpecification(name: "RUN_ID", help: "The run (see 'ember runs').")],
        options: [
            OptionSpecification(name: "format", valueName: "FORMAT",
                                help: "What to print: table (default), json, markdown, or "
                                    + "html (the report page's path)."),
            OptionSpecification(name: "output", valueName: "DIR",
                                help: "Write the reports here (default: the run's report "
                                    + "directory, runs/<run-id>/ beside the journal)."),
        ])

    static func run(_ arguments: [String]) throws -> Int32 {
        let isShow = arguments.first == "show"
        let parsed = try ParsedArguments(isShow ? Array(arguments.dropFirst()) : arguments,
                                         specification: isShow ? showSpecification
                                             : specification)
        if parsed.wantsHelp {
            print(parsed.specification.helpText, terminator: "")
            return 0
        }
        if !isShow, let other = parsed.positionals.first {
            throw parsed.fail("Unknown subcommand '\(other)'; 'ember runs' lists the runs and "
                + "'ember runs show <run-id>' prints one.")
        }
        if isShow, parsed.positionals.count != 1 {
            throw parsed.fail(parsed.positionals.isEmpty
                ? "Missing the run id: 'ember runs show <run-id>'."
                : "Unexpected argument '\(parsed.positionals[1])'.")
        }
        let context = EmberContext(settings: try EmberSettings.load())
        guard let journal = context.journal else {
            throw EvalFailure("the run journal at \(context.settings.databasePath) cannot be "
                + "opened (\(context.ledgerError.map { "\($0)" } ?? "unknown error"))")
        }
        guard isShow else {
            if parsed.flags.contains("pareto") { return try pareto(journal, parsed: parsed) }
            if parsed.value("format") != nil {
                throw parsed.fail("'--format' applies to '--pareto' (and to 'ember runs "
                    + "show'); the list of runs is a table.")
            }
            return try list(journal, dataset: parsed.value("dataset"),
                            limit: parsed.integer("limit", default: 20))
        }
        return try show(parsed.positionals[0], journal: journal, context: context, parsed: parsed)
    }

    private static func list(_ journal: RunJournal, dataset: String?, limit: Int) throws
        -> Int32
    {
        let runs = try dataset.map { name in
            Array(try journal.runs(limit: Int.max).filter { $0.configuration.dataset == name }
                .prefix(limit))
        } ?? journal.runs(limit: limit)
        guard !runs.isEmpty else {
            print("No evaluation runs" + (dataset.map { " over \($0)" } ?? "")
                + " yet in \(journal.path); 'ember eval' starts one.")
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
                run.status.rawValue + (run.parentID.map { ", rescored from \($0)" } ?? ""),
                run.configuration.dataset,
                String(run.configuration.system.prefix(40)),
                "\(run.finishedCount)/\(run.plannedCount)"
                    + (run.errorCount > 0 ? " (\(run.errorCount) errors)" : ""),
                accuracy, String(format: "%.1f s", run.wallTime.seconds),
            ])
        }
        print(TextTable(rows).render())
        return 0
    }

    /// The runs of one dataset over the same items, with the accuracy–cost frontier.
    private static func pareto(_ journal: RunJournal, parsed: ParsedArguments) throws -> Int32 {
        guard let dataset = parsed.value("dataset") else {
            throw parsed.fail("'--pareto' needs '--dataset NAME': runs are compared over the "
                + "items of one dataset.")
        }
        let format = try RunReports.format(parsed)
        let runs = try journal.runs(limit: Int.max).filter { $0.configuration.dataset == dataset }
        let finished = try runs.map { (run: $0, items: try journal.items(runID: $0.id)) }
        guard let frontier = RunFrontier(runs: finished) else {
            throw EvalFailure("no run over \(dataset) in \(journal.path) has a finished item; "
                + "'ember runs' lists the runs and their datasets")
        }
        let report = RunFrontierReport(frontier: frontier)
        switch format {
        case "json": print(report.renderJSON(), terminator: "")
        case "markdown": print(report.renderMarkdown(), terminator: "")
        case "html": print(report.renderHTML(), terminator: "")
        default: print(report.renderTable(), terminator: "")
        }
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
