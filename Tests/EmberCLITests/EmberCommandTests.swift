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
        (["ask", "local/smollm2", " \n"], "The prompt is empty"),
        (["usage", "--by", "week"], "expected model, day, scope"),
        (["usage", "--since", "12/01/2026"], "expected YYYY-MM-DD"),
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

    @Test("a provider that does not exist is named, with the ones that do and how to add it")
    func unknownProvider() async throws {
        let result = try await CommandRunner.ember(["ask", "foo/bar", "hi"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("No provider is named 'foo'"),
                "\(result.standardError)")
        #expect(result.standardError.contains("openai, openai-responses, anthropic and gemini"))
        #expect(result.standardError.contains("ember config set endpoints.foo.base_url URL"))
    }

    @Test("a refused key says which settings hold keys, and never shows the key")
    func authenticationFailure() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"""
                {"error":{"message":"Incorrect API key provided.","type":"invalid_request_error",
                 "code":"invalid_api_key"}}
                """#, status: 401)
        }
        defer { server.stop() }
        let key = "sk-wrong-key-7f3a9c"
        let result = try await CommandRunner.ember(
            ["ask", "openai/gpt-4o-mini", "hi"],
            environment: ["OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": key])
        #expect(result.status == 1)
        #expect(result.standardError.contains("authentication, HTTP 401"),
                "\(result.standardError)")
        #expect(result.standardError.contains("OPENAI_API_KEY"))
        #expect(result.standardError.contains("'ember config list'"))
        #expect(!result.standardError.contains(key))
        #expect(!result.standardOutput.contains(key))
        #expect(server.requests.count == 1)
    }

    @Test("an unknown dataset is a usage error listing the known ones")
    func unknownDataset() async throws {
        let result = try await CommandRunner.ember(["eval", "--dataset", "mmlu-pro"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("'mmlu-pro'"))
        #expect(result.standardError.contains("gsm8k"))
    }

    @Test("an unknown model name is an error showing the form and close matches")
    func badModel() async throws {
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--model", "gtp-4o"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("provider/model"))
        #expect(result.standardError.contains("Did you mean gpt-4o"))
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

    /// A data directory holding `gsm8k/test.jsonl` with these contents.
    func dataDirectory(_ contents: String) throws -> (directory: String, file: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-cli-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("gsm8k")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("test.jsonl")
        try Data(contents.utf8).write(to: file)
        return (directory.path, file.path)
    }

    @Test("bad lines in the data directory are reported with file, line and what is wrong",
          arguments: [
              ("{\"question\": \"A?\", \"answer\": \"#### 1\"}\nnot json\n", 2,
               "not a JSON object"),
              ("[1, 2]\n", 1, "not a JSON object"),
              ("{\"question\": \"A?\", \"answer\": \"x #### abc\"}\n", 1,
               "'abc', not a number"),
              ("{\"question\": \" \", \"answer\": \"#### 1\"}\n", 1, "the question is empty"),
              ("{\"question\": 3, \"answer\": \"#### 1\"}\n", 1,
               "'question' is not a string"),
          ])
    func malformedData(contents: String, line: Int, message: String) async throws {
        let (directory, file) = try dataDirectory(contents)
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--data-dir", directory],
            environment: ["EMBER_DATA_DIR": "/ignored/because/the/flag/wins"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(file):\(line): "), "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("an empty data file is an error, not a run of zero items")
    func emptyData() async throws {
        let (directory, file) = try dataDirectory("\n\n")
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--data-dir", directory])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(file) has no records"))
    }

    @Test("a data directory that is a file is an error saying so")
    func dataDirectoryIsAFile() async throws {
        let (_, file) = try dataDirectory("")
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--data-dir", file])
        #expect(result.status == 1)
        #expect(result.standardError.contains("is a file"))
    }

    @Test("EMBER_DATA_DIR is used when no flag is given")
    func dataDirectoryFromEnvironment() async throws {
        let (directory, file) = try dataDirectory("oops\n")
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k"], environment: ["EMBER_DATA_DIR": directory])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(file):1:"))
    }

    @Test("a run in which every call fails exits 1 and says what failed")
    func everyCallFails() async throws {
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--model", "openai/x", "--limit", "1"],
            environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Errors              1 "))
        #expect(result.standardError.contains("every call failed (1 of 1)"))
        #expect(result.standardError.contains("gsm8k/test/1: Could not connect to "
            + "http://127.0.0.1:9/v1/chat/completions"))
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

    @Test("local start without an installation says how to install")
    func notInstalled() async throws {
        let cache = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-cache-\(UUID().uuidString)").path
        let result = try await CommandRunner.ember(
            ["local", "start", "--port", "9"], environment: ["EMBER_CACHE_DIR": cache])
        #expect(result.status == 1)
        #expect(result.standardError.contains("scripts/install-local-model.sh"))
        #expect(result.standardError.contains("\(cache)/local-model.json"))
    }

    /// A cache directory whose manifest names `server` and an existing model file.
    func fakeInstallation(server: String) throws -> String {
        let cache = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let model = cache.appendingPathComponent("model.gguf")
        try Data("GGUF".utf8).write(to: model)
        let manifest = #"{"server": "\#(server)", "libraryPath": "\#(cache.path)", "#
            + #""model": "\#(model.path)"}"#
        try Data(manifest.utf8).write(to: cache.appendingPathComponent("local-model.json"))
        return cache.path
    }

    @Test("local start on a port another program holds is an error, not a false success")
    func portInUse() async throws {
        let squatter = try LoopbackHTTPServer.start { _ in .json(#"{"status":"ok"}"#) }
        defer { squatter.stop() }
        let cache = try fakeInstallation(server: "/bin/false")
        let result = try await CommandRunner.ember(
            ["local", "start", "--port", String(squatter.port)],
            environment: ["EMBER_CACHE_DIR": cache])
        #expect(result.status == 1)
        #expect(result.standardError.contains("already listens on 127.0.0.1:\(squatter.port)"))
        #expect(!result.standardOutput.contains("Started"))
    }

    @Test("a server that exits while starting is reported with its log")
    func serverExits() async throws {
        let cache = try fakeInstallation(server: "/bin/false")
        let port = try LoopbackHTTPServer.start { _ in .closeWithoutResponse }
        let freePort = port.port
        port.stop()
        let result = try await CommandRunner.ember(
            ["local", "start", "--port", String(freePort)],
            environment: ["EMBER_CACHE_DIR": cache])
        #expect(result.status == 1)
        #expect(result.standardError.contains("exited while starting"))
        let status = try await CommandRunner.ember(["local", "status"],
                                                   environment: ["EMBER_CACHE_DIR": cache])
        #expect(status.status == 3)
    }

    @Test("a missing model file names the variable it came from")
    func missingModelFromEnvironment() async throws {
        let cache = try fakeInstallation(server: "/bin/false")
        let result = try await CommandRunner.ember(
            ["local", "start", "--port", "9"],
            environment: ["EMBER_CACHE_DIR": cache, "EMBER_LOCAL_MODEL": "/nonexistent.gguf"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("/nonexistent.gguf (from EMBER_LOCAL_MODEL)"))
    }

    @Test("a Gemini-shaped server on 127.0.0.1 is reached through GEMINI_BASE_URL")
    func geminiOnLoopback() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"12*7 is 84."}]},
                "finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":8,
                "candidatesTokenCount":6,"totalTokenCount":14},"modelVersion":"gemini-2.0-flash"}
                """#)
        }
        defer { server.stop() }
        let result = try await CommandRunner.ember(
            ["ask", "gemini/gemini-2.0-flash", "What is 12*7?"],
            environment: ["GEMINI_BASE_URL": server.baseURL + "/v1beta",
                          "GEMINI_API_KEY": "AIza-test-secret"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "12*7 is 84.\n")
        // 8 × $0.10 + 6 × $0.40 per million tokens.
        #expect(result.standardError.contains("tokens: 8 prompt + 6 completion · cost: $0.0000032"))
        let request = try #require(server.requests.first)
        #expect(request.path == "/v1beta/models/gemini-2.0-flash:generateContent")
        #expect(request.header("x-goog-api-key") == "AIza-test-secret")
    }

    @Test("a provider's refusal is reported without the API key, even if the server echoes it",
          arguments: [
              ("openai/gpt-4o-mini", "OPENAI_BASE_URL", "OPENAI_API_KEY"),
              ("anthropic/claude-sonnet-4-0", "ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY"),
              ("gemini/gemini-2.0-flash", "GEMINI_BASE_URL", "GEMINI_API_KEY"),
          ])
    func keyNeverShown(model: String, baseVariable: String, keyVariable: String) async throws {
        let secret = "sk-SECRET-\(UUID().uuidString)"
        let server = try LoopbackHTTPServer.start { request in
            let sent = ["authorization", "x-api-key", "x-goog-api-key"]
                .compactMap { request.header($0) }.joined(separator: " ")
            return .respond(status: 401, body: Data(
                #"{"error":{"message":"bad key \#(sent)","type":"auth"}}"#.utf8))
        }
        defer { server.stop() }
        let result = try await CommandRunner.ember(
            ["ask", model, "Hi"],
            environment: [baseVariable: server.baseURL, keyVariable: secret])
        #expect(result.status == 1)
        #expect(result.standardError.contains("authentication"), "\(result.standardError)")
        #expect(result.standardError.contains("bad key"))
        #expect(!result.standardError.contains(secret), "\(result.standardError)")
        #expect(!result.standardOutput.contains(secret))
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

    @Test("ember ask --stream prints the reply as it arrives, then usage and cost")
    func askStreaming() async throws {
        let result = try await CommandRunner.ember(
            ["ask", "smollm2", "What is 12*7?", "--stream", "--max-tokens", "16"],
            environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(result.standardError.contains("[local/smollm2] finish: "))
        #expect(result.standardError.contains("cost: $0"))
    }

    @Test("ember ask --json prints the normalised response")
    func askJSON() async throws {
        let result = try await CommandRunner.ember(
            ["ask", "local/smollm2", "Write a long story about the sea.", "--json",
             "--max-tokens", "4", "--temperature", "0"],
            environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["model"] as? String == "local/smollm2")
        #expect(json["finishReason"] as? String == "length")
        #expect(json["isTruncated"] as? Bool == true)
        #expect((json["usage"] as? [String: Any])?["outputTokens"] as? Int == 4)
        #expect(json["cost"] as? String == "0")
    }

    @Test("ember models lists the catalogue and what the local server serves")
    func models() async throws {
        let result = try await CommandRunner.ember(["models"], environment: environment)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("openai/gpt-4o-mini *"))
        #expect(result.standardOutput.contains("0.15       0.075       0.6"))
        #expect(result.standardOutput.contains("serves: SmolLM2-135M-Instruct"))
    }

    @Test("ember usage totals the calls that ember ask and ember eval recorded")
    func usageLedger() async throws {
        var environment = self.environment
        environment["EMBER_DB"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-usage-\(UUID().uuidString).db").path
        let ask = try await CommandRunner.ember(
            ["ask", "local/smollm2", "Hi", "--max-tokens", "3"], environment: environment)
        #expect(ask.status == 0)
        let eval = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--limit", "2", "--max-tokens", "8"],
            environment: environment)
        #expect(eval.status == 0, "stderr: \(eval.standardError)")
        let byModel = try await CommandRunner.ember(["usage"], environment: environment)
        #expect(byModel.status == 0)
        let line = byModel.standardOutput.split(separator: "\n")
            .first { $0.hasPrefix("local/smollm2") }
        let columns = try #require(line).split(separator: " ", omittingEmptySubsequences: true)
        #expect(columns[1] == "3")
        #expect(columns.last == "$0")
        let byScope = try await CommandRunner.ember(["usage", "--by", "scope"],
                                                    environment: environment)
        #expect(byScope.standardOutput.contains("eval gsm8k local/smollm2 "))

        // By day, in UTC: all three calls fall on today (or yesterday, across midnight).
        let byDay = try await CommandRunner.ember(["usage", "--by", "day"],
                                                  environment: environment)
        #expect(byDay.status == 0)
        let days = [Date(), Date().addingTimeInterval(-600)].map { date in
            date.formatted(.iso8601.year().month().day().dateSeparator(.dash))
        }
        let dayLines = byDay.standardOutput.split(separator: "\n")
            .filter { line in days.contains { line.hasPrefix($0) } }
        let dayCalls = dayLines.compactMap { Int($0.split(separator: " ")[1]) }
        #expect(dayCalls.reduce(0, +) == 3, "\(byDay.standardOutput)")
        #expect(byDay.standardOutput.hasPrefix("DAY "))
    }

    @Test("ember local status names the server's pid, address, model and slots")
    func localStatus() async throws {
        let result = try await CommandRunner.ember(["local", "status"], environment: environment)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let line = result.standardOutput
        #expect(line.hasPrefix("running: pid "))
        let pid = line.dropFirst("running: pid ".count).prefix { $0.isNumber }
        #expect(Int(pid).map { $0 > 1 } == true)
        #expect(line.contains(TestEnvironment.localModelBaseURL ?? "no base URL"))
        #expect(line.contains(".gguf"))
        #expect(line.contains(" slots, since "))
    }

    @Test("the same ask reaches OpenAI- and Anthropic-shaped servers on 127.0.0.1",
          arguments: [
              ("openai/smollm2", "OPENAI_BASE_URL", "/v1"),
              ("openai-responses/smollm2", "OPENAI_BASE_URL", "/v1"),
              ("anthropic/smollm2", "ANTHROPIC_BASE_URL", ""),
          ])
    func providersOnLoopback(model: String, variable: String, suffix: String) async throws {
        let root = String((TestEnvironment.localModelBaseURL ?? "").dropLast(3))
        let result = try await CommandRunner.ember(
            ["ask", model, "What is 12*7?", "--max-tokens", "12"],
            environment: [variable: root + suffix, "OPENAI_API_KEY": "sk-test-not-a-key"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(result.standardError.contains("[\(model)] finish: "))
        #expect(result.standardError.contains(" prompt + "))
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
