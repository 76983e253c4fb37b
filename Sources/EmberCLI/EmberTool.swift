import Ember
import Foundation

/// The `ember` command: parses the subcommand, runs it, and maps errors to exit statuses
/// (64 for a usage error, 1 for a failure, 130 after an interrupt).
@main
enum EmberTool {
    static let version = "0.1.0"

    static let specification = CommandSpecification(
        path: "ember",
        overview: "Build, run and measure compound AI systems: ensembles, judges and votes "
            + "over language models.",
        options: [
            OptionSpecification(name: "version", help: "Show the version."),
            LogLevelOptions.verbose,
            LogLevelOptions.quiet,
        ],
        subcommands: [
            ("eval", "Run a model or compound system over a benchmark and score every answer."),
            ("runs", "List past evaluation runs, or show one run's report."),
            ("compare", "Compare two runs item by item: accuracy difference, McNemar's test."),
            ("datasets", "List the benchmarks, where their files are, and show their records."),
            ("run", "Build a compound system from the notation and run it on one query."),
            ("operators", "List the node codes of the system notation."),
            ("ask", "Send one prompt to a model and print the reply."),
            ("models", "List the known models, their prices and the local server's models."),
            ("usage", "Show the tokens and cost of recorded model calls."),
            ("cache", "Show or clear the response cache of model replies."),
            ("local", "Start, stop or check the local model server."),
            ("config", "Show the configuration and where each value comes from; set values."),
            ("doctor", "Check the configuration, providers, local server, database and data."),
            ("help", "Show help for a subcommand."),
        ])

    static let helpSpecification = CommandSpecification(
        path: "ember help",
        overview: "Show the help screen of ember, or of a subcommand such as 'ember help "
            + "local start' (the same screen as 'ember local start --help').",
        arguments: [ArgumentSpecification(name: "SUBCOMMAND",
                                          help: "The subcommand, with any nested one.")])

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let status: Int32
        do {
            status = try await run(arguments)
        } catch let error as ModelError where error.kind == .contextLengthExceeded {
            printError("Error: \(error)\n  The local server gives each request 2048 tokens by "
                + "default; restart it with more: 'ember local stop', then "
                + "'ember local start --context-per-slot 8192'.")
            status = 1
        } catch let error as ModelError where error.kind == .authentication {
            printError("Error: \(error)\n  Check the provider's API key: OPENAI_API_KEY, "
                + "ANTHROPIC_API_KEY, GEMINI_API_KEY, or providers.NAME.api_key (and "
                + "endpoints.NAME.api_key) in the configuration; 'ember config list' shows "
                + "which value is in force and where it comes from.")
            status = 1
        } catch let error as UsageError {
            printError("Error: \(error.message)\nUsage: \(error.specification.usage)\n"
                + "  See '\(error.specification.path) --help' for more information.")
            status = 64
        } catch is CancellationError {
            status = 130
        } catch {
            printError("Error: \(error)")
            status = 1
        }
        // Flushes every stream: a full disk or a closed pipe shows up here.
        if fflush(nil) != 0 {
            printError("Error: could not write the output to standard output.")
            exit(status == 0 ? 1 : status)
        }
        exit(status)
    }

    static func run(_ arguments: [String]) async throws -> Int32 {
        var arguments = arguments
        if let level = try LogLevelOptions.take(from: &arguments, specification: specification) {
            LogLevelOptions.apply(level)
        }
        guard let first = arguments.first else {
            print(specification.helpText, terminator: "")
            return 0
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "--version":
            print(version)
            return 0
        case "-h", "--help":
            print(specification.helpText, terminator: "")
            return 0
        case "help":
            return try help(for: rest)
        case let option where option.hasPrefix("-"):
            throw UsageError(message: "Unknown option '\(option)'.", specification: specification)
        case "eval":
            return try await EvalCommand.run(rest)
        case "datasets":
            return try await DatasetsCommand.run(rest)
        case "run":
            return try await RunCommand.run(rest)
        case "runs":
            return try RunsCommand.run(rest)
        case "compare":
            return try CompareCommand.run(rest)
        case "operators":
            return try OperatorsCommand.run(rest)
        case "ask":
            return try await AskCommand.run(rest)
        case "models":
            return try await ModelsCommand.run(rest)
        case "usage":
            return try await UsageCommand.run(rest)
        case "cache":
            return try await CacheCommand.run(rest)
        case "local":
            return try await LocalCommand.run(rest)
        case "config":
            return try ConfigCommand.run(rest)
        case "doctor":
            return try await DoctorCommand.run(rest)
        default:
            throw UsageError(
                message: "Unknown subcommand '\(first)'; subcommands: "
                    + specification.subcommands.map(\.name).joined(separator: ", ") + ".",
                specification: specification)
        }
    }

    private static func help(for path: [String]) throws -> Int32 {
        let specifications: [String: CommandSpecification] = [
            "eval": EvalCommand.specification,
            "datasets": DatasetsCommand.specification,
            "datasets show": DatasetsCommand.showSpecification,
            "run": RunCommand.specification,
            "runs": RunsCommand.specification,
            "compare": CompareCommand.specification,
            "runs show": RunsCommand.showSpecification,
            "operators": OperatorsCommand.specification,
            "ask": AskCommand.specification,
            "models": ModelsCommand.specification,
            "usage": UsageCommand.specification,
            "cache": CacheCommand.specification,
            "cache stats": CacheCommand.statsSpecification,
            "cache clear": CacheCommand.clearSpecification,
            "local": LocalCommand.specification,
            "local start": LocalCommand.startSpecification,
            "local stop": LocalCommand.stopSpecification,
            "local status": LocalCommand.statusSpecification,
            "config": ConfigCommand.specification,
            "config list": ConfigCommand.listSpecification,
            "config get": ConfigCommand.getSpecification,
            "config set": ConfigCommand.setSpecification,
            "config unset": ConfigCommand.unsetSpecification,
            "config path": ConfigCommand.pathSpecification,
            "doctor": DoctorCommand.specification,
            "help": helpSpecification,
        ]
        if path == ["-h"] || path == ["--help"] {
            print(helpSpecification.helpText, terminator: "")
            return 0
        }
        if let option = path.first(where: { $0.hasPrefix("-") }) {
            throw UsageError(message: "Unknown option '\(option)'.",
                             specification: helpSpecification)
        }
        if path.isEmpty {
            print(specification.helpText, terminator: "")
            return 0
        }
        guard let found = specifications[path.joined(separator: " ")] else {
            throw UsageError(message: "No help for '\(path.joined(separator: " "))'.",
                             specification: specification)
        }
        print(found.helpText, terminator: "")
        return 0
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
