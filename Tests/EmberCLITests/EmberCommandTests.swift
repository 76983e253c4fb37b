import EmberTestSupport
import Foundation
import Testing

@Suite("ember command line", .timeLimit(.minutes(1)))
struct EmberCommandTests {
    @Test("--help prints the overview, usage and subcommands on stdout")
    func help() async throws {
        let result = try await CommandRunner.ember(["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("OVERVIEW: "))
        #expect(result.standardOutput.contains("USAGE: ember <subcommand>"))
        for subcommand in ["eval", "ask", "local"] {
            #expect(result.standardOutput.contains("\n  \(subcommand) "))
        }
    }

    @Test("subcommand help is the same screen whichever way it is asked for")
    func subcommandHelp() async throws {
        let viaFlag = try await CommandRunner.ember(["eval", "--help"])
        let viaHelp = try await CommandRunner.ember(["help", "eval"])
        #expect(viaFlag.status == 0)
        #expect(viaFlag.standardOutput == viaHelp.standardOutput)
        #expect(viaFlag.standardOutput.contains("--concurrency <n>"))
        #expect(viaFlag.standardOutput.contains("(default: 4)"))
    }

    @Test("--version prints only the version")
    func version() async throws {
        let result = try await CommandRunner.ember(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "0.1.0\n")
    }

    @Test("usage errors exit 64 with the message, the usage line and a hint", arguments: [
        (["frobnicate"], "Unknown subcommand 'frobnicate'"),
        (["eval"], "Missing '--dataset <name>'"),
        (["eval", "--dataset", "gsm8k", "--limit", "zero"], "'zero' of '--limit'"),
        (["eval", "--dataset", "gsm8k", "--concurrency", "0"], "'0' of '--concurrency'"),
        (["eval", "--dataset", "gsm8k", "--temperature", "9"], "'9' of '--temperature'"),
        (["eval", "--bogus"], "Unknown option '--bogus'"),
        (["eval", "--dataset"], "'--dataset' needs a value"),
        (["ask", "local/smollm2"], "Missing <prompt>"),
    ])
    func usageErrors(arguments: [String], message: String) async throws {
        let result = try await CommandRunner.ember(arguments)
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("Error: "))
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.contains("Usage: ember"))
        #expect(result.standardError.contains("--help"))
    }

    @Test("an unknown dataset is an error listing the known ones")
    func unknownDataset() async throws {
        let result = try await CommandRunner.ember(["eval", "--dataset", "mmlu-pro"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("'mmlu-pro'"))
        #expect(result.standardError.contains("gsm8k"))
    }

    @Test("a model id without a provider is an error showing the form")
    func badModel() async throws {
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--model", "gpt-4o"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("provider/model"))
    }

    @Test("an openai model without a key says which variable to set")
    func missingKey() async throws {
        let result = try await CommandRunner.ember(
            ["ask", "openai/gpt-4o-mini", "Hello"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("OPENAI_API_KEY"))
    }

    @Test("a missing data directory is an error naming it")
    func missingDataDirectory() async throws {
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--data-dir", "/nonexistent/ember-data"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("/nonexistent/ember-data"))
    }

    @Test("a malformed line in the data directory is reported with file and line")
    func malformedData() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-cli-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("gsm8k")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("test.jsonl")
        try Data("{\"question\": \"A?\", \"answer\": \"#### 1\"}\nnot json\n".utf8).write(to: file)
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--data-dir", directory.path],
            environment: ["EMBER_DATA_DIR": "/ignored/because/the/flag/wins"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(file.path):2:"))
    }

    @Test("a local model with no server running says how to start it")
    func localServerDown() async throws {
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--limit", "1"],
            environment: ["EMBER_LOCAL_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("ember local start"))
        #expect(result.standardError.contains("127.0.0.1:9"))
    }

    @Test("a bad EMBER_LOCAL_PORT is an error naming the variable")
    func badPort() async throws {
        let result = try await CommandRunner.ember(
            ["local", "status"], environment: ["EMBER_LOCAL_PORT": "http"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("EMBER_LOCAL_PORT"))
    }
}

/// The command line against the real local model server started by `scripts/test.sh`.
@Suite("ember with the real local model", .enabled(if: TestEnvironment.hasLocalModel),
       .timeLimit(.minutes(3)))
struct EmberLocalModelCommandTests {
    var environment: [String: String] {
        ["EMBER_LOCAL_BASE_URL": TestEnvironment.localModelBaseURL ?? ""]
    }

    @Test("ember eval scores real GSM8K items and prints the table")
    func eval() async throws {
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--limit", "3", "--max-tokens", "128",
             "--data-dir", TestEnvironment.sharedDatasets],
            environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let table = result.standardOutput
        #expect(table.contains("local/smollm2"))
        #expect(table.contains("Items               3\n"))
        #expect(table.contains("95% Wilson CI"))
        #expect(table.contains("Errors              0 "))
        let completionLine = try #require(
            table.split(separator: "\n").first { $0.contains("Completion tokens") })
        let completionTokens = try #require(Int(completionLine.split(separator: " ").last ?? ""))
        #expect(completionTokens > 0 && completionTokens <= 3 * 128)
        #expect(result.standardError.contains("[3/3]"))
    }

    @Test("ember ask prints the reply on stdout and usage on stderr")
    func ask() async throws {
        let result = try await CommandRunner.ember(
            ["ask", "local/smollm2", "What is the capital of France? Answer in one word.",
             "--max-tokens", "24",
             "--temperature", "0"],
            environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Paris"))
        #expect(result.standardError.contains("tokens: "))
        #expect(result.standardError.contains("prompt + "))
    }
}
