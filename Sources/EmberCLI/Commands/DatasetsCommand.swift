import Ember
import Foundation

/// `ember datasets [show NAME]`: the registered benchmarks, where their files are, and what
/// their records and prompts look like.
enum DatasetsCommand {
    static let dataDirectoryOption = OptionSpecification(
        name: "data-dir", valueName: "PATH",
        help: "A directory laid out like shared/datasets, searched first (default: the "
            + "data.directory setting or $EMBER_DATA_DIR, then the cache "
            + "~/.cache/ember/datasets).")

    static let specification = CommandSpecification(
        path: "ember datasets",
        overview: "List the registered benchmarks with their splits and record counts, "
            + "answer kind, evaluator, and where their files are found.",
        options: [dataDirectoryOption],
        subcommands: [
            ("show", "Print a benchmark's description, default prompt and first records."),
        ])

    static let showSpecification = CommandSpecification(
        path: "ember datasets show",
        overview: "Print a benchmark's description and default prompt, then its first "
            + "records as prompted, each with its gold answer. Downloads the files into the "
            + "cache if they are not found locally.",
        arguments: [ArgumentSpecification(name: "NAME", help: "The benchmark (mmlu, gsm8k, …).")],
        options: [
            OptionSpecification(name: "split", valueName: "SPLIT",
                                help: "The split to read (default: the benchmark's own)."),
            OptionSpecification(name: "subset", valueName: "SUBSET",
                                help: "Only records of this subset, such as an MMLU subject "
                                    + "(default: all)."),
            OptionSpecification(name: "limit", valueName: "N",
                                help: "How many records to print (default: 3)."),
            OptionSpecification(name: "seed", valueName: "N",
                                help: "The seed of option shuffles and answer picks "
                                    + "(default: 0)."),
            dataDirectoryOption,
        ])

    static func run(_ arguments: [String]) async throws -> Int32 {
        if arguments.first == "show" {
            return try await show(Array(arguments.dropFirst()))
        }
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        if let first = parsed.positionals.first {
            throw parsed.fail("Unknown subcommand '\(first)'; subcommands: show.")
        }
        let service = try makeService(parsed)
        var rows = [["NAME", "SPLITS (RECORDS)", "SIZE", "ANSWER", "EVALUATOR", "FOUND"]]
        for definition in service.registry.all {
            let info = definition.info
            let splits = info.splits.map { split in
                "\(split) \(info.recordCounts[split].map(grouped) ?? "?")"
            }.joined(separator: " · ")
            let size = info.splits.flatMap { definition.sources(split: $0) }
                .reduce(0) { $0 + $1.size }
            let found: String
            if let location = try service.locate(info.name) {
                found = location.origin == .bundled ? "bundled with Ember"
                    : "\(location.directory) (\(location.origin.rawValue))"
            } else {
                found = "not found locally; downloads from \(info.origin)"
            }
            rows.append([info.name, splits, megabytes(size), info.answerKind.description,
                         info.evaluator, found])
        }
        print(TextTable(rows).render())
        print("\nDownloads go to \(service.searchPath.cacheDirectory). "
            + "'ember datasets show <name>' prints a benchmark's prompt and records.")
        return 0
    }

    private static func show(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: showSpecification)
        if parsed.wantsHelp {
            print(showSpecification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(1)
        let limit = try parsed.integer("limit", default: 3)
        let seed = try parsed.integer("seed", default: 0, in: 0...Int.max)
        let service = try makeService(parsed)
        let name = parsed.positionals[0]
        let definition: any DatasetDefinition
        do {
            definition = try service.registry.definition(named: name)
            _ = try definition.info.resolveSplit(parsed.value("split"))
        } catch {
            throw parsed.fail(error.description)
        }
        let info = definition.info
        let request = DatasetRequest(name: info.name, split: parsed.value("split"),
                                     subset: parsed.value("subset"), sampler: .first(limit),
                                     seed: UInt64(seed))
        let records: [DatasetRecord]
        do {
            records = try await service.records(for: request) { line in printError(line) }
                .collect().records
        } catch let error as DatasetError where error.isUnknownName {
            throw parsed.fail(error.description)
        }

        print("\(info.displayName) (\(info.name)): \(info.summary)")
        print("Splits: " + info.splits.map { split in
            "\(split)\(split == info.defaultSplit ? " (default)" : "") "
                + (info.recordCounts[split].map(grouped) ?? "?")
        }.joined(separator: " · "))
        if !info.subsets.isEmpty {
            print("\(info.subsetKind.capitalized)s: \(info.subsets.count) "
                + "(\(info.subsets.prefix(4).joined(separator: ", "))…)")
        }
        print("Answer: \(info.answerKind) · evaluator: \(info.evaluator) · license: "
            + "\(info.license)")
        print("Source: \(info.origin)")
        print("\nDefault prompt:\n" + indented(info.defaultPrompt.text))
        for record in records {
            print("\n── \(record.id)" + (record.subset.map { " [\($0)]" } ?? ""))
            print(indented(try definition.prompt(for: record)))
            print("  Gold answer: " + (record.answerKind == .code
                ? "(the tests, \(record.answer.count) characters)" : record.answer))
        }
        if records.isEmpty { print("\nNo records match.") }
        return 0
    }

    private static func makeService(_ parsed: ParsedArguments) throws -> DatasetService {
        if parsed.value("data-dir")?.isEmpty == true {
            throw parsed.fail("The option '--data-dir' needs a directory path, not ''.")
        }
        return DatasetService(settings: try EmberSettings.load(),
                              directory: parsed.value("data-dir"), client: HTTPClient())
    }

    private static func grouped(_ number: Int) -> String {
        number.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes < 1_000_000 ? "\((bytes + 500) / 1_000) KB"
            : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}
