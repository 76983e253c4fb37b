import Ember
import Foundation

/// What `ember eval` runs: the records chosen by a run's configuration, the prompt each is
/// put to the system with, and the evaluator that scores the answers.
struct EvalPlan {
    /// The records, in the run's order.
    var records: [DatasetRecord]
    /// The prompt template, with `{field}` placeholders of a record.
    var prompt: PromptTemplate
    /// Scores each answer.
    var evaluator: any Evaluator
    /// How answers are compared when a system votes.
    var answerKind: AnswerKind
    /// The dataset's display name, with its split, subset and where it was read from.
    var title: String
    /// Where the records were read from: the user's file, the benchmark's file or directory,
    /// or the benchmark's name when it was downloaded.
    var source: String

    /// The prompt for one record.
    func prompt(for record: DatasetRecord) throws -> String {
        try record.prompt(from: prompt)
    }

    /// Whether `dataset` names a file of the user's rather than a registered benchmark.
    static func isFile(_ dataset: String) -> Bool {
        dataset.contains("/") || [".jsonl", ".json", ".csv", ".gz"].contains {
            dataset.lowercased().hasSuffix($0)
        }
    }

    /// The default prompt and evaluator of a dataset, for a new run's configuration.
    static func defaults(for dataset: String, fields: [String: String]?,
                         registry: DatasetRegistry) throws -> (prompt: String, evaluator: String) {
        if let fields, isFile(dataset) {
            let kind = try answerKind(fields: fields)
            return (BenchmarkPrompts.generic(for: kind).text, defaultEvaluator(for: kind))
        }
        let info = try registry.definition(named: dataset).info
        return (info.defaultPrompt.text, info.evaluator)
    }

    /// Loads the records of `configuration` and everything needed to score them.
    static func make(_ configuration: EvaluationRunConfiguration, service: DatasetService,
                     progress: @escaping @Sendable (String) -> Void) async throws -> EvalPlan {
        let sampler: DatasetSampler = switch (configuration.sampling, configuration.limit) {
        case (_, nil): .all
        case ("random", let count?): .random(count, seed: configuration.seed ?? 0)
        case ("stratified", let count?): .stratified(count, seed: configuration.seed ?? 0)
        case (_, let count?): .first(count)
        }
        let records: DatasetRecords
        // A user's file before its subset is taken, to name the subsets it has if none match.
        var unfilteredFile: DatasetRecords?
        let title: String
        var source = configuration.dataset
        let answerKind: AnswerKind
        if let fields = configuration.fields, isFile(configuration.dataset) {
            answerKind = try self.answerKind(fields: fields)
            let mapping = FieldMapping(
                id: fields["id"], question: fields["question"] ?? "question",
                choices: fields["choices"].map { names in
                    let columns = names.split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    return columns.count > 1 ? .columns(columns) : .field(columns[0])
                },
                answer: fields["answer"] ?? "answer", answerKind: answerKind,
                subset: fields["subset"])
            var loaded = CustomDataset.records(fromFileAt: configuration.dataset,
                                               mapping: mapping)
            if let subset = configuration.subset {
                unfilteredFile = loaded
                loaded = loaded.subset(subset)
            }
            records = sampler.apply(to: loaded)
            title = (configuration.dataset as NSString).lastPathComponent
        } else {
            let definition = try service.registry.definition(named: configuration.dataset)
            let info = definition.info
            answerKind = info.answerKind
            let split = try info.resolveSplit(configuration.split)
            let location = try service.locate(info.name, split: split)
            records = try await service.records(
                for: DatasetRequest(name: info.name, split: split, subset: configuration.subset,
                                    sampler: sampler, seed: configuration.seed ?? 0),
                progress: progress)
            let place = switch location?.origin {
            case .bundled?: "bundled"
            case let origin?: "from \(location?.directory ?? "") (\(origin.rawValue))"
            case nil: "downloaded"
            }
            let files = definition.sources(split: split)
            if let directory = location?.directory {
                source = files.count == 1
                    ? (directory as NSString).appendingPathComponent(files[0].relativePath)
                    : (directory as NSString).appendingPathComponent(info.directory)
            }
            title = "\(info.displayName) \(split)"
                + (configuration.subset.map { " · \($0)" } ?? "") + " (\(place))"
        }
        let collected = try await records.collect()
        if !collected.skipped.isEmpty {
            let shown = collected.skipped.prefix(3).map { "\($0.file):\($0.line): \($0.reason)" }
            printError("Skipped \(collected.skipped.count) rows with missing fields: "
                + shown.joined(separator: "; ") + (collected.skipped.count > 3 ? "; …" : ""))
        }
        guard !collected.records.isEmpty else {
            if let subset = configuration.subset, let unfilteredFile {
                try await checkSubset(subset, of: unfilteredFile, file: configuration.dataset)
            }
            throw DatasetError.empty(source)
        }
        let prompt = try PromptTemplate(configuration.prompt)
        // A placeholder some record has no value for fails here, before any call is made,
        // rather than as an error on each of those items.
        for record in collected.records {
            try record.checkPlaceholders(of: prompt)
        }
        return EvalPlan(
            records: collected.records, prompt: prompt,
            evaluator: try makeEvaluator(configuration.evaluator), answerKind: answerKind,
            title: title, source: source)
    }

    /// Throws ``DatasetError/unknownSubset(_:dataset:known:)`` when no record of a user's
    /// file is in `subset`, naming the subsets its records do have; read only when the
    /// subset left no records.
    private static func checkSubset(_ subset: String, of records: DatasetRecords,
                                    file: String) async throws {
        var known: [String] = []
        for try await record in records {
            guard let name = record.subset else { continue }
            if DatasetSubset.matches(name, subset) { return }
            if !known.contains(name) { known.append(name) }
        }
        throw DatasetError.unknownSubset(subset, dataset: (file as NSString).lastPathComponent,
                                         known: known.sorted())
    }

    /// The evaluator a configuration names: a registered name, or `regex:PATTERN`.
    static func makeEvaluator(_ name: String) throws -> any Evaluator {
        if name.hasPrefix("regex:") {
            return try EvaluatorRegistry.standard.make(
                "regex", settings: EvaluatorSettings(pattern: String(name.dropFirst(6))))
        }
        return try EvaluatorRegistry.standard.make(name)
    }

    /// The answer kind a user's file is read as: `--answer-kind`, else a choice when the
    /// file has options and text otherwise.
    static func answerKind(fields: [String: String]) throws -> AnswerKind {
        if let name = fields["answer_kind"] {
            guard let kind = AnswerKind(named: name) else {
                throw EvalFailure("'\(name)' is not an answer kind; expected one of "
                    + AnswerKind.allKinds.map(\.description).joined(separator: ", "))
            }
            return kind
        }
        return fields["choices"] == nil ? .text : .choice
    }

    /// The evaluator that reads answers of `kind`.
    static func defaultEvaluator(for kind: AnswerKind) -> String {
        switch kind {
        case .number: "numeric"
        case .choice: "choice"
        case .code: "code"
        default: "normalized"
        }
    }
}
