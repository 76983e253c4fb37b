import Ember
import Foundation

/// `ember eval`: run a model or compound system over a benchmark, journal and score every
/// answer, print the table.
enum EvalCommand {
    static let specification = CommandSpecification(
        path: "ember eval",
        overview: "Run a model or compound system over a benchmark with bounded concurrency, "
            + "journal and score every answer, and print accuracy with a 95% confidence "
            + "interval, tokens, cost and latency. An interrupted run resumes where it "
            + "stopped.",
        options: [
            OptionSpecification(name: "dataset", valueName: "NAME|FILE",
                                help: "The benchmark to run ("
                                    + DatasetRegistry.standard.names.joined(separator: ", ")
                                    + "; see 'ember datasets'), or a JSONL, JSON or CSV file "
                                    + "of your own with --question-field and --answer-field."),
            OptionSpecification(name: "subset", valueName: "S",
                                help: "Only this subset, such as an MMLU subject."),
            OptionSpecification(name: "split", valueName: "SPLIT",
                                help: "The split (default: the benchmark's own, usually test)."),
            OptionSpecification(name: "sample", valueName: "HOW",
                                help: "How --limit chooses items: first (default), random, or "
                                    + "stratified (by subset, in proportion)."),
            OptionSpecification(name: "seed", valueName: "N",
                                help: "The seed of random sampling, option shuffles and answer "
                                    + "picks (default: 0)."),
            OptionSpecification(name: "system", valueName: "SYSTEM",
                                help: "A compound system in the notation, such as "
                                    + "\"5E@local/smollm2(temp=0.7),1M\" (default: one call "
                                    + "to --model)."),
            OptionSpecification(name: "model", valueName: "ID",
                                help: "The model, as provider/model; with --system, the model "
                                    + "of nodes that name none "
                                    + "(default: the 'model' setting, local/smollm2 unless "
                                    + "configured; see 'ember config')."),
            OptionSpecification(name: "limit", valueName: "N",
                                help: "Evaluate only N items, chosen by --sample "
                                    + "(default: all)."),
            OptionSpecification(name: "prompt", valueName: "FILE",
                                help: "A prompt template replacing the dataset's default (see "
                                    + "'ember datasets show'), with {question}, {choices} and "
                                    + "the record's other {field}s."),
            OptionSpecification(name: "evaluator", valueName: "NAME",
                                help: "How answers are scored: "
                                    + EvaluatorRegistry.standard.names.joined(separator: ", ")
                                    + ", or regex:PATTERN (default: the dataset's own)."),
            OptionSpecification(name: "question-field", valueName: "FIELD",
                                help: "For a file: the field holding the question "
                                    + "(default: question)."),
            OptionSpecification(name: "answer-field", valueName: "FIELD",
                                help: "For a file: the field holding the gold answer "
                                    + "(default: answer)."),
            OptionSpecification(name: "choices-field", valueName: "FIELD[,FIELD…]",
                                help: "For a file: a field holding the options (a JSON array "
                                    + "or object), or one column per option."),
            OptionSpecification(name: "id-field", valueName: "FIELD",
                                help: "For a file: a field holding a unique id (default: ids "
                                    + "from each item's content)."),
            OptionSpecification(name: "subset-field", valueName: "FIELD",
                                help: "For a file: a field naming each item's subset."),
            OptionSpecification(name: "answer-kind", valueName: "KIND",
                                help: "For a file: number, choice, text or code (default: "
                                    + "choice with options, text without)."),
            OptionSpecification(name: "concurrency", valueName: "N",
                                help: "The most items in flight at once (default: 4)."),
            OptionSpecification(name: "budget", valueName: "USD",
                                help: "Send no model call that could take the run past this "
                                    + "many dollars (a call's prompt and whole output limit "
                                    + "are counted before it is sent); the run stops there."),
            OptionSpecification(name: "budget-tokens", valueName: "N",
                                help: "The same, in tokens (prompt and output)."),
            OptionSpecification(name: "resume", valueName: "RUN_ID",
                                help: "Continue a run that was interrupted or stopped: its "
                                    + "finished items are kept, the rest are run (see "
                                    + "'ember runs')."),
            OptionSpecification(name: "rescore", valueName: "RUN_ID",
                                help: "Score a run's saved answers again, with --evaluator or "
                                    + "its own evaluator, as a new run linked to it; no model "
                                    + "is called."),
            OptionSpecification(name: "output", valueName: "DIR",
                                help: "Write report.json, report.md and report.html here "
                                    + "(default: runs/<run-id>/ beside the journal, "
                                    + "~/.ember/runs/<run-id>/)."),
            OptionSpecification(name: "format", valueName: "FORMAT",
                                help: "What to print on stdout: table (default), json, "
                                    + "markdown, or html (the report page's path)."),
            OptionSpecification(name: "data-dir", valueName: "PATH",
                                help: "A directory laid out like shared/datasets to read the "
                                    + "benchmark from (default: the data.directory setting "
                                    + "or $EMBER_DATA_DIR, then "
                                    + "~/.cache/ember/datasets, then GSM8K's bundled copy; "
                                    + "files found nowhere are downloaded and checked)."),
            OptionSpecification(name: "temperature", valueName: "T",
                                help: "Sampling temperature from 0 to 2 (default: 0)."),
            OptionSpecification(name: "max-tokens", valueName: "N",
                                help: "The most tokens generated per answer, from 1 to "
                                    + "1000000 (default: 512)."),
            CacheCommand.modeOption,
        ])

    static func run(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        if parsed.value("data-dir")?.isEmpty == true {
            throw parsed.fail("The option '--data-dir' needs a directory path, not ''.")
        }
        let concurrency = try parsed.integer("concurrency", default: 4, in: 1...1024)
        let budget = try budget(parsed)
        let format = try RunReports.format(parsed)
        try RunReports.checkOutputDirectory(parsed)
        // The cache mode is not part of the run's configuration: a resume may use another.
        var settings = try EmberSettings.load()
        try CacheCommand.apply(parsed, to: &settings)
        let context = EmberContext(settings: settings)
        try CacheCommand.checkCache(of: context)
        guard let journal = context.journal else {
            throw EvalFailure("the run journal at \(context.settings.databasePath) cannot be "
                + "opened (\(context.ledgerError.map { "\($0)" } ?? "unknown error")); set "
                + "the 'database' setting (EMBER_DB) to a writable path")
        }

        if let id = parsed.value("rescore") {
            return try await rescore(id, parsed: parsed, format: format, context: context,
                                     journal: journal)
        }

        // What the run is: from the options, or from the journal when resuming, in which
        // case any option that defines the run must agree with the journal. The process
        // that evaluates a run holds its lock until it ends, so that no other does too.
        var entry: RunEntry?
        var lock: RunLock?
        defer { lock?.release() }
        let configuration: EvaluationRunConfiguration
        if let id = parsed.value("resume") {
            guard let found = try journal.run(id: id) else {
                throw parsed.fail(JournalError.unknownRun(id: id, path: journal.path)
                    .description)
            }
            let given = try Self.configuration(from: parsed, base: found.configuration,
                                               context: context)
            let differences = given.map(found.configuration.differences(from:)) ?? []
            guard differences.isEmpty else {
                throw parsed.fail(JournalError.configurationMismatch(
                    runID: id, differences: differences).description)
            }
            lock = try RunLock.acquire(runID: id, at: journal.lockPath(runID: id))
            entry = found
            configuration = found.configuration
        } else if let given = try Self.configuration(from: parsed, base: nil, context: context) {
            configuration = given
        } else {
            throw parsed.fail("Missing '--dataset <name>'; available: "
                + DatasetRegistry.standard.names.joined(separator: ", ")
                + ", or a JSONL, JSON or CSV file.")
        }

        let service = context.datasets(directory: parsed.value("data-dir"))
        let plan = try await EvalPlan.make(configuration, service: service,
                                           progress: { printError($0) })
        let fingerprint = ItemFingerprint.digest(of: plan.records)
        let earlier = try entry.map {
            try resumableItems(of: $0, plan: plan, fingerprint: fingerprint, journal: journal)
        } ?? []
        let model = try context.resolve(model: configuration.model)
        let parameters = ModelParameters(temperature: configuration.temperature ?? 0,
                                         maximumTokens: configuration.maximumTokens ?? 512)
        let system: CompoundSystem?
        do {
            system = configuration.system == configuration.model ? nil
                : try RunCommand.buildSystem(
                    configuration.system, context: context, defaultModel: model.description,
                    answerKind: plan.answerKind,
                    defaultMaximumTokens: parameters.maximumTokens ?? 512)
        } catch let error as NotationError {
            throw parsed.fail(error.description)
        }
        if let system {
            try await RunCommand.requireServers(for: system, context: context)
        } else {
            try await LocalCommand.requireRunningServer(for: model, context: context)
        }

        let run = try entry ?? journal.startRun(
            configuration: configuration, plannedCount: plan.records.count,
            itemsFingerprint: fingerprint, itemsSource: plan.source)
        if lock == nil {
            lock = try RunLock.acquire(runID: run.id, at: journal.lockPath(runID: run.id))
        }
        printError(entry == nil
            ? "Run \(run.id): \(plan.records.count) items; if it stops, continue it with "
                + "'ember eval --resume \(run.id)'."
            : "Resuming run \(run.id): \(earlier.filter { $0.error == nil }.count) of "
                + "\(plan.records.count) items already finished.")
        try journal.update(runID: run.id, status: .running, wallTime: run.wallTime)

        let pipeline = EvaluationPipeline(evaluator: plan.evaluator,
                                          maximumConcurrency: concurrency, budget: budget)
        let models = context.models
        let progress = ProgressLine(activity: models.activity)
        progress.start()
        @Sendable func answer(_ record: DatasetRecord) async throws -> SystemAnswer {
            let prompt = try plan.prompt(for: record)
            if let system {
                return SystemAnswer(try await system(prompt), of: system)
            }
            let response = try await models.complete(
                ModelRequest(prompt: prompt, parameters: parameters), model: model)
            return SystemAnswer(text: response.text ?? "",
                                usage: response.isCached ? .zero : response.usage,
                                cost: models.usage.cost(of: response, model: model),
                                isTruncated: response.isTruncated)
        }
        // The run's calls are recorded in the usage ledger under a scope naming the run.
        let scope = "eval \(configuration.dataset) \(configuration.system) \(run.id)"
        // Each item is written with the run's wall time so far, so a session killed without
        // a word still counts up to its last finished item.
        let clock = ContinuousClock()
        let sessionStart = clock.now
        let task = Task {
            await models.usage.withScope(scope) {
                await pipeline.run(
                    plan.records, finished: earlier,
                    record: { result, position in
                        try journal.record(result, position: position, runID: run.id,
                                           wallTime: run.wallTime + (clock.now - sessionStart))
                    },
                    progress: progress.update, system: answer)
            }
        }
        let interrupt = InterruptHandler(
            message: "Interrupted: stopping; the finished items are saved in run \(run.id).",
            { task.cancel() })
        var summary = await task.value
        interrupt.cancel()
        // A resumed run's figures cover all its sessions.
        summary.wallTime += run.wallTime
        progress.finish()

        let status: RunEntry.Status = switch summary.stop {
        case .complete: summary.isComplete ? .complete : .interrupted
        case .cancelled, .journalFailed: .interrupted
        case .budgetExhausted: .budgetExhausted
        }
        try journal.update(runID: run.id, status: status, wallTime: summary.wallTime)

        let title = system == nil
            ? "\(plan.title) · \(model) · temperature \(parameters.temperature ?? 0) "
                + "· concurrency \(concurrency)"
            : "\(plan.title) · \(configuration.system) · default model \(model) "
                + "· concurrency \(concurrency)"
        let header = EvaluationReportHeader(
            runID: run.id, title: title, configuration: configuration,
            startedAt: run.createdAt, finishedAt: Date(), isResumed: entry != nil,
            isInterrupted: status != .complete)
        try RunReports.emit(
            header: header, summary: summary, format: format,
            directory: parsed.value("output")
                ?? RunReports.defaultDirectory(runID: run.id, context: context))
        reportErrors(in: summary)
        return finalStatus(of: summary, runID: run.id)
    }

    /// The journaled items of `run`, for a resume: every one is among the plan's records.
    ///
    /// - Throws: ``JournalError/itemsChanged(runID:details:)`` when the plan's items differ
    ///   from those the run began with. A run begun before runs recorded a fingerprint is
    ///   refused only when some of its finished items are not among the plan's; otherwise the
    ///   plan's fingerprint becomes the run's. Nothing journaled is deleted.
    private static func resumableItems(of run: RunEntry, plan: EvalPlan, fingerprint: String,
                                       journal: RunJournal) throws -> [EvaluationItemResult] {
        let stored = try journal.items(runID: run.id)
        if let recorded = run.itemsFingerprint, recorded != fingerprint {
            var details = ItemFingerprint.differences(
                between: plan.records, finished: stored, plannedCount: run.plannedCount)
            if let source = run.itemsSource, source != plan.source {
                details.append("the run read its items from \(source), this resume from "
                    + plan.source)
            }
            throw JournalError.itemsChanged(runID: run.id, details: details)
        }
        let planned = Set(plan.records.map(\.id))
        let stale = stored.map(\.recordID).filter { !planned.contains($0) }
        if !stale.isEmpty {
            let shown = stale.prefix(3).joined(separator: ", ") + (stale.count > 3 ? ", …" : "")
            throw JournalError.itemsChanged(runID: run.id, details: [
                "\(stale.count) of its finished items are not among the dataset's items now "
                    + "(\(shown))",
            ])
        }
        if run.itemsFingerprint == nil {
            try journal.setItemsFingerprint(fingerprint, source: plan.source, runID: run.id)
        }
        return stored
    }

    /// The options that describe a user's file, by the key they take in the configuration.
    private static let fieldOptions = [
        ("question", "question-field"), ("answer", "answer-field"),
        ("choices", "choices-field"), ("id", "id-field"), ("subset", "subset-field"),
        ("answer_kind", "answer-kind"),
    ]

    /// The text of the template file `--prompt` names, checked: a readable file holding a
    /// valid template with at least one placeholder.
    private static func promptTemplate(at path: String, parsed: ParsedArguments) throws
        -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw parsed.fail("The prompt file \(path) does not exist; '--prompt' takes a "
                + "template file, such as one with 'Question: {question}'.")
        }
        if isDirectory.boolValue {
            throw parsed.fail("The prompt file \(path) is a directory; '--prompt' takes a "
                + "template file.")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw parsed.fail("The prompt file \(path) cannot be read as UTF-8 text: "
                + error.localizedDescription)
        }
        let template: PromptTemplate
        do {
            template = try PromptTemplate(text)
        } catch {
            throw parsed.fail("The prompt in \(path) is not a valid template: \(error)")
        }
        if text.allSatisfy(\.isWhitespace) {
            throw parsed.fail("The prompt file \(path) is empty; a template puts each item "
                + "into the prompt with placeholders such as {question} and {choices}.")
        }
        if template.placeholders.isEmpty {
            throw parsed.fail("The prompt in \(path) has no placeholder, so every item would "
                + "get the same prompt; use {question}, and {choices} for the options.")
        }
        return text
    }

    /// Throws a usage error unless `value` names a field: one name, or for `--choices-field`
    /// several separated by commas, none of them empty.
    private static func checkFieldNames(_ value: String, option: String,
                                        parsed: ParsedArguments) throws {
        let names = value.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if option == "answer-kind" || !names.contains(where: \.isEmpty) { return }
        let expected = option == "choices-field"
            ? "a field holding the options, or one field per option separated by commas "
                + "(such as a,b,c,d)"
            : "one field name"
        throw parsed.fail("The value '\(value)' of '--\(option)' is not valid: it has an "
            + "empty field name; expected \(expected).")
    }

    /// The configuration the options describe, each option not given taken from `base`;
    /// `nil` when they name no dataset and there is no base.
    private static func configuration(from parsed: ParsedArguments,
                                      base: EvaluationRunConfiguration?,
                                      context: EmberContext)
        throws -> EvaluationRunConfiguration?
    {
        guard var dataset = parsed.value("dataset") ?? base?.dataset else { return nil }
        let registry = DatasetRegistry.standard
        var fields = base?.fields
        if EvalPlan.isFile(dataset) {
            guard FileManager.default.fileExists(atPath: dataset) else {
                throw parsed.fail(DatasetError.missingFile(dataset, detail: "no such file; "
                    + "--dataset takes a registered name ("
                    + registry.names.joined(separator: ", ") + ") or a JSONL, JSON or CSV "
                    + "file").description)
            }
            dataset = URL(fileURLWithPath: dataset).standardizedFileURL.path
            var given = fields ?? [:]
            for (key, option) in fieldOptions {
                guard let value = parsed.value(option) else { continue }
                try checkFieldNames(value, option: option, parsed: parsed)
                given[key] = value
            }
            fields = given
        } else {
            do {
                dataset = try registry.definition(named: dataset).info.name
            } catch {
                throw parsed.fail(error.description)
            }
            if let option = fieldOptions.map(\.1).first(where: { parsed.value($0) != nil }) {
                throw parsed.fail("'--\(option)' is for a file of your own; \(dataset) is a "
                    + "registered benchmark that knows its fields.")
            }
        }
        let defaults: (prompt: String, evaluator: String)
        do {
            defaults = try EvalPlan.defaults(for: dataset, fields: fields, registry: registry)
        } catch let error as EvalFailure {
            throw parsed.fail(error.description)
        }
        let sampling = parsed.value("sample")?.lowercased() ?? base?.sampling ?? "first"
        guard ["first", "random", "stratified"].contains(sampling) else {
            throw parsed.fail("The value '\(sampling)' of '--sample' is not valid; expected "
                + "first, random or stratified.")
        }
        var prompt = base?.prompt ?? defaults.prompt
        if let path = parsed.value("prompt") {
            prompt = try promptTemplate(at: path, parsed: parsed)
        }
        let evaluator = parsed.value("evaluator") ?? base?.evaluator ?? defaults.evaluator
        do {
            _ = try EvalPlan.makeEvaluator(evaluator)
        } catch {
            throw parsed.fail("\(error)")
        }
        let limit = parsed.value("limit") == nil ? base?.limit
            : try parsed.integer("limit", default: Int.max)
        let seed = parsed.value("seed") == nil ? base?.seed
            : UInt64(try parsed.integer("seed", default: 0, in: 0...Int.max))
        let model = try parsed.value("model").map { try context.resolve(model: $0).description }
            ?? base?.model ?? context.resolve(model: context.settings.defaultModel).description
        return EvaluationRunConfiguration(
            dataset: dataset, subset: parsed.value("subset") ?? base?.subset,
            split: parsed.value("split") ?? base?.split, sampling: sampling, limit: limit,
            seed: seed,
            system: parsed.value("system") ?? base.map { $0.system == $0.model ? model : $0.system }
                ?? model,
            model: model, evaluator: evaluator, prompt: prompt, fields: fields,
            temperature: try parsed.number("temperature", in: 0...2) ?? base?.temperature ?? 0,
            maximumTokens: parsed.value("max-tokens") == nil ? base?.maximumTokens ?? 512
                : try parsed.integer("max-tokens", default: 512,
                                     in: OptionRanges.maximumTokens))
    }

    private static func budget(_ parsed: ParsedArguments) throws -> BudgetLimit? {
        var budget = BudgetLimit()
        if let text = parsed.value("budget") {
            guard let dollars = Decimal(string: text.hasPrefix("$") ? String(text.dropFirst())
                                                                     : text,
                                        locale: Locale(identifier: "en_US_POSIX")),
                  dollars >= 0
            else {
                throw parsed.fail("The value '\(text)' of '--budget' is not valid; expected "
                    + "an amount in dollars such as 0.50.")
            }
            budget.dollars = dollars
        }
        if parsed.value("budget-tokens") != nil {
            budget.tokens = try parsed.integer("budget-tokens", default: 0)
        }
        return budget.isUnlimited ? nil : budget
    }

    /// Says why a run that did not finish stopped and how to go on; the exit status.
    private static func finalStatus(of summary: EvaluationSummary, runID: String) -> Int32 {
        let resume = "ember eval --resume \(runID)"
        switch summary.stop {
        case .complete where summary.isComplete:
            return summary.errorCount == summary.itemCount && summary.itemCount > 0 ? 1 : 0
        case .complete, .cancelled:
            printError("Interrupted after \(summary.itemCount) of \(summary.plannedCount) "
                + "items; continue with '\(resume)'.")
            return 130
        case .budgetExhausted(let refusal):
            let spending = summary.cost?.dollarsText ?? "an unknown amount"
            let larger = refusal.limit.dollars == nil && refusal.reason == .tokens
                ? "--budget-tokens <N>" : "--budget <USD>"
            printError("Stopped at the budget: \(summary.itemCount) of \(summary.plannedCount) "
                + "items finished, costing \(spending) (\(summary.usage.totalTokens) tokens). "
                + "\(refusal) Continue with a larger budget: '\(resume) \(larger)'.")
            return 2
        case .journalFailed(let reason):
            printError("Error: stopped because a result could not be written to the journal "
                + "(\(reason)); the items written so far are kept: '\(resume)'.")
            return 1
        }
    }

    /// Names the failed items and what failed, on stderr: the first few in full.
    private static func reportErrors(in summary: EvaluationSummary) {
        let failed = summary.results.filter { $0.error != nil }
        guard !failed.isEmpty else { return }
        let shown = failed.prefix(3)
        let which = failed.count > shown.count ? "the first \(shown.count):" : "every one:"
        var text = failed.count == summary.itemCount
            ? "Error: every call failed (\(failed.count) of \(summary.itemCount)); \(which)"
            : "\(failed.count) of \(summary.itemCount) calls failed; \(which)"
        for result in shown {
            text += "\n  \(result.recordID): \(result.error ?? "")"
        }
        printError(text)
    }
}

/// A run that cannot start, with the reason.
struct EvalFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
