import EmberTestSupport
import Foundation
import Testing

@Suite("ember doctor", .timeLimit(.minutes(1)))
struct DoctorCommandTests {
    let key = "sk-doctor-" + UUID().uuidString.lowercased()

    /// A fresh home and cache, the default model on openai, the local server unreachable.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-doctor-\(UUID().uuidString)").path
        return ["HOME": home, "EMBER_CACHE_DIR": home + "/cache",
                "EMBER_MODEL": "openai/gpt-4o-mini",
                "EMBER_LOCAL_BASE_URL": "http://127.0.0.1:9/v1"]
            .merging(extra) { $1 }
    }

    /// The line of one check.
    func line(_ subject: String, in output: String) -> String? {
        output.split(separator: "\n").map(String.init).first {
            $0.dropFirst(9).hasPrefix(subject + ": ")
        }
    }

    @Test("an OpenAI endpoint that lists its models is ok, its key masked")
    func reachableProvider() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"{"object":"list","data":[{"id":"gpt-4o-mini"},{"id":"gpt-4o"}]}"#)
        }
        defer { server.stop() }
        let result = try await CommandRunner.ember(["doctor"], environment: environment([
            "OPENAI_API_KEY": key, "OPENAI_BASE_URL": server.baseURL + "/v1",
        ]))
        #expect(result.status == 0, "\(result.standardOutput)")
        let openai = try #require(line("openai", in: result.standardOutput))
        #expect(openai.hasPrefix("ok       openai: \(server.baseURL)/v1/models answers"))
        #expect(openai.contains("key sk-…\(key.suffix(4)) from OPENAI_API_KEY, 2 models"))
        #expect(!result.standardOutput.contains(key))
        #expect(server.requests.map(\.path) == ["/v1/models"])
        #expect(server.requests.first?.header("authorization") == "Bearer \(key)")
        // No problems, but the unreachable local server and unset providers are warnings.
        #expect(line("local", in: result.standardOutput)?.hasPrefix("warning  ") == true)
        let anthropic = try #require(line("anthropic", in: result.standardOutput))
        #expect(anthropic.hasPrefix("warning  anthropic: not configured."))
        #expect(anthropic.contains("export ANTHROPIC_API_KEY"))
        for subject in ["configuration", "database", "response cache", "data"] {
            #expect(line(subject, in: result.standardOutput)?.hasPrefix("ok ") == true,
                    "\(subject): \(result.standardOutput)")
        }
        #expect(result.standardOutput.contains("0 problems."))
    }

    @Test("a refused key is a problem naming the variable; the echoed key is not shown")
    func refusedKey() async throws {
        let echo = #"{"error":{"message":"Incorrect API key provided: \#(key)."}}"#
        let server = try LoopbackHTTPServer.start { _ in .json(echo, status: 401) }
        defer { server.stop() }
        let result = try await CommandRunner.ember(["doctor"], environment: environment([
            "OPENAI_API_KEY": key, "OPENAI_BASE_URL": server.baseURL + "/v1",
        ]))
        #expect(result.status == 1)
        let openai = try #require(line("openai", in: result.standardOutput))
        #expect(openai.hasPrefix("problem  openai: "))
        #expect(openai.contains("HTTP 401"))
        #expect(openai.contains("Incorrect API key provided: [redacted]."))
        #expect(openai.contains("Fix: set OPENAI_API_KEY to a valid key"))
        #expect(!(result.standardOutput + result.standardError).contains(key))
        #expect(result.standardOutput.contains("1 problem."))
    }

    @Test("an unreachable provider is a problem saying which variable names the server")
    func unreachableProvider() async throws {
        let result = try await CommandRunner.ember(["doctor", "--timeout", "5"],
                                                   environment: environment([
            "OPENAI_API_KEY": key, "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        ]))
        #expect(result.status == 1)
        let openai = try #require(line("openai", in: result.standardOutput))
        #expect(openai.hasPrefix("problem  openai: http://127.0.0.1:9/v1/models cannot be "
            + "reached"))
        #expect(openai.contains("OPENAI_BASE_URL"))
    }

    @Test("the real local server is ok when it answers",
          .enabled(if: TestEnvironment.hasLocalModel))
    func localServerReachable() async throws {
        let url = try #require(TestEnvironment.localModelBaseURL)
        let result = try await CommandRunner.ember(["doctor"], environment: environment([
            "EMBER_LOCAL_BASE_URL": url, "EMBER_MODEL": "local/smollm2",
        ]))
        #expect(result.status == 0, "\(result.standardOutput)")
        let local = try #require(line("local", in: result.standardOutput))
        #expect(local.hasPrefix("ok       local: the server at \(url) is healthy, serving "))
    }

    @Test("a local default model with no server is a problem saying how to start one")
    func localServerDown() async throws {
        let result = try await CommandRunner.ember(["doctor"], environment: environment([
            "EMBER_MODEL": "local/smollm2",
        ]))
        #expect(result.status == 1)
        let local = try #require(line("local", in: result.standardOutput))
        #expect(local.hasPrefix("problem  local: no server is running"))
        #expect(local.contains("127.0.0.1:9"))
        #expect(local.contains("scripts/install-local-model.sh"))
        #expect(local.contains("'ember local start'"))
    }

    @Test("each unusable variable is a problem saying what is accepted; the rest still run")
    func invalidVariables() async throws {
        let result = try await CommandRunner.ember(["doctor"], environment: environment([
            "EMBER_LOG_LEVEL": "loud", "EMBER_LOCAL_PORT": "99999",
        ]))
        #expect(result.status == 1)
        let problems = result.standardOutput.split(separator: "\n")
            .filter { $0.hasPrefix("problem  configuration: ") }
        #expect(problems.count == 2, "\(result.standardOutput)")
        #expect(problems.contains { $0.contains("EMBER_LOG_LEVEL is 'loud'")
            && $0.contains("trace, debug, info") })
        #expect(problems.contains { $0.contains("EMBER_LOCAL_PORT is '99999'")
            && $0.contains("from 1 to 65535") })
        #expect(line("database", in: result.standardOutput)?.hasPrefix("ok ") == true)
    }

    @Test("an unusable database, an empty replay cache, a missing data directory: problems")
    func unusableFiles() async throws {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-doctor-file-\(UUID().uuidString)")
        try Data("not a directory".utf8).write(to: file)
        let result = try await CommandRunner.ember(["doctor"], environment: environment([
            "EMBER_DB": file.path + "/ember.db", "EMBER_CACHE": "replay",
            "EMBER_CACHE_PATH": file.path + ".cache.db",
            "EMBER_DATA_DIR": "/nonexistent/ember-data",
        ]))
        #expect(result.status == 1)
        let output = result.standardOutput
        let database = try #require(line("database", in: output))
        #expect(database.hasPrefix("problem  database: \(file.path)/ember.db cannot be used"))
        #expect(database.contains("Fix: set EMBER_DB"))
        let cache = try #require(line("response cache", in: output))
        #expect(cache.hasPrefix("problem  response cache: replay from"))
        #expect(cache.contains("EMBER_CACHE=record"))
        let data = try #require(line("data directory", in: output))
        #expect(data.hasPrefix("problem  data directory: /nonexistent/ember-data"))
        #expect(data.contains("EMBER_DATA_DIR"))
        // And the default model's provider, openai, has no key.
        #expect(line("openai", in: output)?.hasPrefix(
            "problem  openai: not configured, but the default model uses it.") == true)
        #expect(output.contains("4 problems."))
    }
}
