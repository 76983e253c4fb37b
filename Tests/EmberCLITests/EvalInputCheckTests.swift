import EmberTestSupport
import Foundation
import Testing

/// `ember eval` checks what describes a user's file and its prompt before a run begins.
@Suite("ember eval input checks", .timeLimit(.minutes(1)))
struct EvalInputCheckTests {
    /// A directory holding a two-question JSONL file and the prompt files the tests name.
    private static func workspace() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-eval-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = [
            "questions.jsonl": "{\"question\": \"1 + 1?\", \"answer\": \"2\"}\n"
                + "{\"question\": \"2 + 2?\", \"answer\": \"4\"}\n",
            "empty.txt": " \n",
            "fixed.txt": "Just say hello.\n",
            "unknown.txt": "Q: {nope}\n",
        ]
        for (name, contents) in files {
            try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("folder"), withIntermediateDirectories: true)
        return directory
    }

    /// Runs `ember eval` on the workspace's questions; a `--prompt` value names a file in it.
    private static func eval(_ options: [String], in directory: URL) async throws
        -> CommandResult {
        var arguments = ["eval", "--dataset",
                         directory.appendingPathComponent("questions.jsonl").path,
                         "--model", "openai/x", "--limit", "1"]
        for (index, option) in options.enumerated() {
            let isPromptFile = index > 0 && options[index - 1] == "--prompt"
            arguments.append(isPromptFile
                ? directory.appendingPathComponent(option).path : option)
        }
        return try await CommandRunner.ember(
            arguments, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
    }

    @Test("field options with an empty name and unusable prompt files are usage errors",
          arguments: [
              (["--choices-field", ""], "'' of '--choices-field' is not valid"),
              (["--choices-field", ","], "it has an empty field name"),
              (["--choices-field", "a,,b"], "one field per option separated by commas"),
              (["--question-field", ""], "'' of '--question-field' is not valid"),
              (["--prompt", "empty.txt"], "empty.txt is empty"),
              (["--prompt", "fixed.txt"], "fixed.txt has no placeholder, so every item would "
                  + "get the same prompt"),
              (["--prompt", "folder"], "folder is a directory"),
              (["--prompt", "missing.txt"], "missing.txt does not exist"),
              (["--output", ""], "'--output' needs a directory path, not ''"),
              (["--output", "/proc/ember-reports"], "The reports cannot be written to "
                  + "'/proc/ember-reports'"),
          ])
    func usageErrors(options: [String], message: String) async throws {
        let directory = try Self.workspace()
        let result = try await Self.eval(options, in: directory)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("Error: "))
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!result.standardError.contains("Program crashed"))
    }

    @Test("an --output that is a file is refused before a run is made")
    func outputIsAFile() async throws {
        let directory = try Self.workspace()
        let file = directory.appendingPathComponent("fixed.txt").path
        let result = try await Self.eval(["--output", file], in: directory)
        #expect(result.status == 64)
        #expect(result.standardError.contains("The output path '\(file)' is a file"))
        #expect(!result.standardError.contains("Run "), "\(result.standardError)")
    }

    @Test("an empty --trace path is refused before any call")
    func emptyTracePath() async throws {
        let result = try await CommandRunner.ember(
            ["run", "1E@openai/x,1M", "--query", "hi", "--trace", ""],
            environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("'--trace' needs a file path, not ''"),
                "\(result.standardError)")
        #expect(!result.standardError.contains("Could not connect"))
    }

    @Test("a subset no record of a file is in names the subsets it has")
    func unknownSubsetOfAFile() async throws {
        let directory = try Self.workspace()
        let file = directory.appendingPathComponent("topics.jsonl")
        try Data(("{\"question\": \"1 + 1?\", \"answer\": \"2\", \"topic\": \"math\"}\n"
            + "{\"question\": \"Capital?\", \"answer\": \"Paris\", \"topic\": \"geo\"}\n")
            .utf8).write(to: file)
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", file.path, "--subset-field", "topic", "--subset", "nope",
             "--model", "openai/x"],
            environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains(
            "There is no subset named 'nope'; topics.jsonl has the subsets geo, math."),
            "\(result.standardError)")
        let chosen = try await CommandRunner.ember(
            ["eval", "--dataset", file.path, "--subset-field", "topic", "--subset", "geo",
             "--model", "openai/x", "--limit", "1"],
            environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(chosen.standardError.contains(": 1 items;"), "\(chosen.standardError)")
    }

    @Test("a placeholder no record has a value for fails before a run is made or a call sent")
    func unknownPlaceholder() async throws {
        let directory = try Self.workspace()
        let result = try await Self.eval(["--prompt", "unknown.txt"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("The prompt template uses {nope}, which record "),
                "\(result.standardError)")
        #expect(result.standardError.contains("{question}"))
        #expect(!result.standardError.contains("Run "), "\(result.standardError)")
        #expect(!result.standardError.contains("Could not connect"))
    }
}
