import Ember
import Foundation

/// `ember eval`: run a model over a benchmark, score it, print the table.
enum EvalCommand {
    static let specification = CommandSpecification(
        path: "ember eval",
        overview: "Run a model over a benchmark with bounded concurrency, score every answer, "
            + "and print accuracy with a 95% confidence interval, tokens and timing.",
        options: [
            OptionSpecification(name: "dataset", valueName: "NAME",
                                help: "The benchmark to run: gsm8k."),
            OptionSpecification(name: "system", valueName: "SYSTEM",
                                help: "A compound system in the notation, such as "
                                    + "\"5E@local/smollm2(temp=0.7),1M\" (default: one call "
                                    + "to --model)."),
            OptionSpecification(name: "model", valueName: "ID",
                                help: "The model, as provider/model; with --system, the model "
                                    + "of nodes that name none "
                                    + "(default: \(EmberContext.defaultModel))."),
            OptionSpecification(name: "limit", valueName: "N",
                                help: "Evaluate only the first N items (default: all)."),
            OptionSpecification(name: "concurrency", valueName: "N",
                                help: "The most items in flight at once (default: 4)."),
            OptionSpecification(name: "data-dir", valueName: "PATH",
                                help: "A directory laid out like shared/datasets to read the "
                                    + "benchmark from (default: $EMBER_DATA_DIR, else the "
                                    + "copy bundled with Ember)."),
            OptionSpecification(name: "temperature", valueName: "T",
                                help: "Sampling temperature from 0 to 2 (default: 0)."),
            OptionSpecification(name: "max-tokens", valueName: "N",
                                help: "The most tokens generated per answer (default: 512)."),
        ])

    static func run(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        guard let dataset = parsed.value("dataset") else {
            throw parsed.fail("Missing '--dataset <name>'; available: \(GSM8K.name).")
        }
        guard dataset.lowercased() == GSM8K.name else {
            throw parsed.fail(DatasetError.unknownDataset(dataset, known: [GSM8K.name])
                .description)
        }
        if parsed.value("data-dir")?.isEmpty == true {
            throw parsed.fail("The option '--data-dir' needs a directory path, not ''.")
        }
        let limit = try parsed.integer("limit", default: Int.max)
        let concurrency = try parsed.integer("concurrency", default: 4, in: 1...1024)
        let parameters = ModelParameters(
            temperature: try parsed.number("temperature", in: 0...2) ?? 0,
            maximumTokens: try parsed.integer("max-tokens", default: 512))

        let context = EmberContext(settings: try EmberSettings())
        let model = try context.resolve(model: parsed.value("model") ?? EmberContext.defaultModel)
        let system: CompoundSystem?
        do {
            system = try parsed.value("system").map {
                try RunCommand.buildSystem($0, context: context, defaultModel: model.description,
                                           answerKind: .number,
                                           defaultMaximumTokens: parameters.maximumTokens ?? 512)
            }
        } catch let error as NotationError {
            throw parsed.fail(error.description)
        }
        let dataDirectory = parsed.value("data-dir") ?? context.settings.dataDirectory
        let records = Array(try GSM8K.load(dataDirectory: dataDirectory).prefix(limit))
        guard !records.isEmpty else {
            throw DatasetError.empty(dataDirectory.map { "\($0)/\(GSM8K.relativePath)" }
                ?? GSM8K.relativePath)
        }
        if let system {
            try await RunCommand.requireServers(for: system, context: context)
        } else {
            try await LocalCommand.requireRunningServer(for: model, context: context)
        }

        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(),
                                          maximumConcurrency: concurrency)
        let progress = ProgressLine()
        let models = context.models
        @Sendable func evaluate() async -> EvaluationSummary {
            await pipeline.run(records, progress: progress.update) { record in
                if let system {
                    let result = try await system(GSM8K.prompt(for: record))
                    return SystemAnswer(text: result.answer ?? "", usage: result.usage,
                                        cost: result.cost)
                }
                let response = try await models.complete(
                    ModelRequest(prompt: GSM8K.prompt(for: record), parameters: parameters),
                    model: model)
                return SystemAnswer(text: response.text ?? "", usage: response.usage,
                                    cost: models.usage.cost(of: response.usage, model: model))
            }
        }
        // The run's calls are recorded in the usage ledger under a scope naming the run.
        let subject = parsed.value("system") ?? model.description
        let scope = "eval \(GSM8K.name) \(subject) \(Date().formatted(.iso8601))"
        let run = Task {
            await models.usage.withScope(scope) { await evaluate() }
        }
        let interrupt = InterruptHandler { run.cancel() }
        let summary = await run.value
        interrupt.cancel()
        progress.finish()

        let source = dataDirectory.map { " from \($0)" } ?? " (bundled test split)"
        let title = system == nil
            ? "GSM8K\(source) · \(model) · temperature \(parameters.temperature ?? 0) "
                + "· concurrency \(concurrency)"
            : "GSM8K\(source) · \(subject) · default model \(model) "
                + "· concurrency \(concurrency)"
        print(TerminalReport(title: title, summary: summary).render(), terminator: "")
        reportErrors(in: summary)
        if !summary.isComplete { return 130 }
        return summary.errorCount == summary.itemCount ? 1 : 0
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
