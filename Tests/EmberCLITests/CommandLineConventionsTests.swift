import EmberTestSupport
import Foundation
import Testing

/// Checks every subcommand, found by walking the help screens from `ember --help` down, so
/// that a subcommand added later is covered without a test of its own.
// Serialized: the checks start many short processes, better one at a time than all at once.
@Suite("every ember subcommand follows the command-line conventions", .serialized,
       .timeLimit(.minutes(2)))
struct CommandLineConventionsTests {
    /// An environment that keeps the commands away from the user's own files.
    static let environment: [String: String] = {
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-conventions-\(UUID().uuidString)").path
        return ["HOME": home, "EMBER_CACHE_DIR": home + "/cache"]
    }()

    static func ember(_ arguments: [String],
                      environment extra: [String: String] = [:]) async throws -> CommandResult {
        try await CommandRunner.ember(arguments, environment: environment.merging(extra) { $1 })
    }

    /// The rows of one section of a help screen (`OPTIONS`), label and help joined where a
    /// long label put its help on the next line.
    static func section(_ title: String, of help: String) -> [String] {
        guard let start = help.range(of: "\n\(title):\n") else { return [] }
        var rows: [String] = []
        for line in help[start.upperBound...].split(separator: "\n",
                                                     omittingEmptySubsequences: false) {
            guard line.hasPrefix("  ") else { break }
            if line.hasPrefix("      "), let last = rows.popLast() {
                rows.append(last + "  " + line.trimmingCharacters(in: .whitespaces))
            } else {
                rows.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        return rows
    }

    /// The names a help screen lists under SUBCOMMANDS.
    static func subcommands(in help: String) -> [String] {
        section("SUBCOMMANDS", of: help).compactMap { $0.split(separator: " ").first }
            .map(String.init)
    }

    /// A command path (`[]` for `ember` itself) and what `--help` gave for it.
    struct Command: Sendable {
        var path: [String]
        var help: CommandResult

        var name: String { (["ember"] + path).joined(separator: " ") }
    }

    /// Every command, walking down from the top-level help; walked once for all the tests.
    static let commands = Task<[Command], any Error> {
        var found: [Command] = []
        var pending: [[String]] = [[]]
        while let path = pending.popLast() {
            let help = try await ember(path + ["--help"])
            found.append(Command(path: path, help: help))
            guard path.last != "help" else { continue }
            pending += subcommands(in: help.standardOutput).map { path + [$0] }
        }
        return found
    }

    static func allCommands() async throws -> [Command] { try await commands.value }

    @Test("the walk finds every subcommand, nested ones included")
    func walkFindsEverything() async throws {
        let commands = Set(try await Self.allCommands().map { $0.path.joined(separator: " ") })
        for expected in ["eval", "ask", "run", "runs", "runs show", "datasets", "datasets show",
                         "local", "local start", "local stop", "local status", "doctor",
                         "models", "usage", "operators", "help"] {
            #expect(commands.contains(expected), "\(expected) is missing from \(commands)")
        }
    }

    @Test("--help exits 0 with OVERVIEW, USAGE, a sentence per option; help <path> matches")
    func helpScreens() async throws {
        for command in try await Self.allCommands() {
            let (path, name, result) = (command.path, command.name, command.help)
            #expect(result.status == 0, "\(name) --help")
            #expect(result.standardError.isEmpty, "\(name) --help: \(result.standardError)")
            let help = result.standardOutput
            #expect(help.hasPrefix("OVERVIEW: "), "\(name) --help")
            #expect(help.contains("\n\nUSAGE: \(name)"), "\(name) --help")
            let titles = help.split(separator: "\n").filter { $0.hasSuffix(":") && !$0
                .hasPrefix(" ") }.map(String.init)
            let order = ["ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:"]
            #expect(titles == order.filter(titles.contains), "\(name): sections \(titles)")
            let options = Self.section("OPTIONS", of: help)
            #expect(options.contains { $0.hasPrefix("-h, --help ") }, "\(name) --help")
            for row in options {
                #expect(row.hasSuffix(".") && row.contains("  "),
                        "\(name): the option '\(row)' has no sentence")
            }
            guard path.last != "help" else { continue }
            let viaHelp = try await Self.ember(["help"] + path)
            #expect(viaHelp.status == 0, "ember help \(path.joined(separator: " "))")
            #expect(viaHelp.standardOutput == help, "ember help \(path)")
        }
    }

    @Test("an unknown flag and a missing value are usage errors: Error:, Usage:, exit 64")
    func usageErrors() async throws {
        for command in try await Self.allCommands() {
            let (path, name) = (command.path, command.name)
            var cases = [path + ["--no-such-flag"]]
            for row in Self.section("OPTIONS", of: command.help.standardOutput) where row.contains(" <") {
                guard let option = row.split(separator: " ").first(where: {
                    $0.hasPrefix("--")
                }) else { continue }
                cases.append(path + [String(option)])
            }
            for arguments in cases {
                let result = try await Self.ember(arguments)
                let shown = "ember " + arguments.joined(separator: " ")
                #expect(result.status == 64, "\(shown): \(result.standardError)")
                #expect(result.standardOutput.isEmpty, "\(shown)")
                #expect(result.standardError.hasPrefix("Error: "), "\(shown)")
                #expect(result.standardError.contains("\nUsage: \(name)"),
                        "\(shown): \(result.standardError)")
                #expect(result.standardError.contains("--help"), "\(shown)")
            }
        }
    }

    @Test("--verbose and --quiet, before or after the subcommand, win over EMBER_LOG_LEVEL",
          arguments: [
              (["--verbose", "ask"], "error", true),
              (["ask", "-v"], "not-a-level", true),
              (["-q", "ask"], "debug", false),
              (["ask", "--quiet"], "trace", false),
              (["ask"], "debug", true),
              (["ask"], "", false),
          ])
    func logLevelFlags(flags: [String], variable: String, logsCalls: Bool) async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}]}"#)
        }
        defer { server.stop() }
        let arguments = flags.split(separator: "ask", omittingEmptySubsequences: false)
        let result = try await Self.ember(
            Array(arguments[0]) + ["ask", "openai/gpt-4o-mini", "Hello"] + Array(arguments[1]),
            environment: ["OPENAI_BASE_URL": server.baseURL + "/v1",
                          "EMBER_LOG_LEVEL": variable])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "hi\n")
        #expect(result.standardError.contains(" debug ember: model call ") == logsCalls,
                "\(result.standardError)")
    }

    @Test("--verbose with --quiet is a usage error")
    func verboseAndQuiet() async throws {
        let result = try await Self.ember(["-v", "models", "--quiet"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: '--verbose' and '--quiet' cannot be "))
        #expect(result.standardError.contains("\nUsage: ember "))
    }
}
