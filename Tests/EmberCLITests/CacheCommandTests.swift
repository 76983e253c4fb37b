import EmberTestSupport
import Foundation
import Testing

/// The response cache through the built binary: a second run of the same system is served
/// from the cache at no cost and sends nothing, `ember cache stats|clear` see and empty it,
/// and replay never reaches the server.
@Suite("ember cache and --cache", .timeLimit(.minutes(2)))
struct CacheCommandTests {
    /// An OpenAI-compatible server answering every chat completion with "84", 20 prompt
    /// and 2 completion tokens.
    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.start { _ in
            .json(#"""
                {"id":"c1","model":"gpt-4o-mini","choices":[{"index":0,
                 "message":{"role":"assistant","content":"84"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":20,"completion_tokens":2}}
                """#)
        }
    }

    /// An isolated home, ledger and cache file, pointed at `server`.
    static func environment(_ server: LoopbackHTTPServer) -> [String: String] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-cache-cli-\(UUID().uuidString)").path
        return ["HOME": folder, "EMBER_DB": folder + "/ember.db",
                "EMBER_CACHE_PATH": folder + "/cache.db", "EMBER_CACHE_DIR": folder + "/cache",
                "EMBER_CACHE": "off",
                "OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": "sk-test"]
    }

    static let run = ["run", "3E(temp=0.7),1M", "--model", "openai/gpt-4o-mini",
                      "--query", "What is 12*7?", "--answer-kind", "number", "--json"]

    static func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
            as? [String: Any])
    }

    @Test("a second run is served from the cache: no request, cost $0; stats and clear")
    func secondRunIsCached() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server)

        let first = try await CommandRunner.ember(Self.run + ["--cache", "read-write"],
                                                  environment: environment)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(server.requests.count == 3)
        let firstCost = try #require(Self.json(first)["cost"] as? String)
        #expect(Decimal(string: firstCost).map { $0 > 0 } == true)

        let second = try await CommandRunner.ember(Self.run + ["--cache", "read-write"],
                                                   environment: environment)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(server.requests.count == 3)
        let document = try Self.json(second)
        #expect(document["answer"] as? String == "84")
        #expect(document["cost"] as? String == "0")
        #expect(document["inputTokens"] as? Int == 0)
        let nodes = try #require(document["nodes"] as? [[String: Any]])
        let calls = try #require(nodes.first?["calls"] as? [[String: Any]])
        #expect(calls.count == 3)
        #expect(calls.allSatisfy {
            $0["isCached"] as? Bool == true && $0["cost"] as? String == "0"
        })

        // Without --json, the node line says the calls were cached.
        let text = try await CommandRunner.ember(
            Array(Self.run.dropLast()) + ["--cache", "read-write"], environment: environment)
        #expect(text.standardError.contains("3 calls (3 cached)"), "\(text.standardError)")
        #expect(text.standardError.contains("cost: $0"))
        #expect(server.requests.count == 3)

        let stats = try await CommandRunner.ember(["cache", "stats"], environment: environment)
        #expect(stats.status == 0, "\(stats.standardError)")
        #expect(stats.standardOutput.contains("Entries:       3, 0 expired"),
                "\(stats.standardOutput)")
        #expect(stats.standardOutput.contains("Hits served:   6"))
        let modelLine = try #require(stats.standardOutput.split(separator: "\n")
            .first { $0.hasPrefix("openai/gpt-4o-mini") })
        #expect(modelLine.split(separator: " ", omittingEmptySubsequences: true)
            .prefix(3) == ["openai/gpt-4o-mini", "3", "6"])

        let usage = try await CommandRunner.ember(["usage"], environment: environment)
        let usageLine = try #require(usage.standardOutput.split(separator: "\n")
            .first { $0.hasPrefix("openai/gpt-4o-mini") })
        let columns = usageLine.split(separator: " ", omittingEmptySubsequences: true)
        #expect(columns[1] == "9")   // calls: 3 sent, 6 served from the cache
        #expect(columns[5] == "6")   // hits
        #expect(columns[6] != "$0")  // saved
        #expect(columns.last.map(String.init) == "$" + firstCost)

        let clear = try await CommandRunner.ember(["cache", "clear"], environment: environment)
        #expect(clear.status == 0)
        #expect(clear.standardOutput.contains("Removed 3 entries"))
        let empty = try await CommandRunner.ember(["cache", "stats"], environment: environment)
        #expect(empty.standardOutput.contains("Entries:       0, 0 expired"))

        let third = try await CommandRunner.ember(Self.run + ["--cache", "read-write"],
                                                  environment: environment)
        #expect(third.status == 0)
        #expect(server.requests.count == 6)
    }

    @Test("EMBER_CACHE turns the cache on as --cache does; off sends every time")
    func environmentVariable() async throws {
        let server = try Self.server()
        defer { server.stop() }
        var environment = Self.environment(server)
        let ask = ["ask", "openai/gpt-4o-mini", "What is 12*7?", "--json"]
        _ = try await CommandRunner.ember(ask, environment: environment)
        _ = try await CommandRunner.ember(ask, environment: environment)
        #expect(server.requests.count == 2)
        environment["EMBER_CACHE"] = "read-write"
        _ = try await CommandRunner.ember(ask, environment: environment)
        let cached = try await CommandRunner.ember(ask, environment: environment)
        #expect(server.requests.count == 3)
        let document = try Self.json(cached)
        #expect(document["isCached"] as? Bool == true)
        #expect(document["cost"] as? String == "0")
        // --cache wins over the variable.
        _ = try await CommandRunner.ember(ask + ["--cache", "off"], environment: environment)
        #expect(server.requests.count == 4)
    }

    @Test("record, then replay without the server; replay of an unrecorded prompt fails")
    func recordAndReplay() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server)
        let recorded = try await CommandRunner.ember(
            ["ask", "openai/gpt-4o-mini", "Recorded", "--cache", "record"],
            environment: environment)
        #expect(recorded.status == 0, "\(recorded.standardError)")
        server.stop()

        let replayed = try await CommandRunner.ember(
            ["ask", "openai/gpt-4o-mini", "Recorded", "--cache", "replay"],
            environment: environment)
        #expect(replayed.status == 0, "\(replayed.standardError)")
        #expect(replayed.standardOutput == "84\n")
        #expect(replayed.standardError.contains("cost: $0 (cached)"))

        let missing = try await CommandRunner.ember(
            ["ask", "openai/gpt-4o-mini", "Never asked", "--cache", "replay"],
            environment: environment)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains(
            "Error: The request to openai/gpt-4o-mini was not recorded in the response cache "
                + (environment["EMBER_CACHE_PATH"] ?? "")))
        #expect(server.requests.count == 1)
    }

    @Test("ember eval --cache: a second run sends nothing and costs $0")
    func evalSecondRun() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server)
        let eval = ["eval", "--dataset", "gsm8k", "--limit", "3", "--model",
                    "openai/gpt-4o-mini", "--format", "json", "--cache", "read-write"]
        let first = try await CommandRunner.ember(eval, environment: environment)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(server.requests.count == 3)
        let second = try await CommandRunner.ember(eval, environment: environment)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(server.requests.count == 3)
        let metrics = try #require(Self.json(second)["metrics"] as? [String: Any])
        let cost = try #require(metrics["cost"] as? [String: Any])
        #expect("\(cost["total"] ?? "")" == "0", "\(cost)")
    }

    @Test("a cache mode that does not exist is a usage error listing the modes")
    func badMode() async throws {
        let result = try await CommandRunner.ember(
            ["ask", "openai/gpt-4o-mini", "Hi", "--cache", "sometimes"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("The value 'sometimes' of '--cache' is not "
            + "valid; expected off, read-write, read-only, record, replay."))
    }

    @Test("ember cache without a cache file says so and creates none")
    func noCacheFile() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server)
        let stats = try await CommandRunner.ember(["cache", "stats"], environment: environment)
        #expect(stats.status == 0)
        #expect(stats.standardOutput.contains("No response cache at"))
        #expect(!FileManager.default.fileExists(atPath: environment["EMBER_CACHE_PATH"] ?? ""))
        let help = try await CommandRunner.ember(["help", "cache", "clear"])
        #expect(help.standardOutput.contains("--expired"))
        let unknown = try await CommandRunner.ember(["cache", "purge"])
        #expect(unknown.status == 64)
    }
}
