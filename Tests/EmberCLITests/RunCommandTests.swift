import EmberTestSupport
import Foundation
import Testing

@Suite("ember run and ember operators", .timeLimit(.minutes(1)))
struct RunCommandTests {
    @Test("ember operators lists every node code with its parameters")
    func operators() async throws {
        let result = try await CommandRunner.ember(["operators"])
        #expect(result.status == 0)
        for line in ["E  UniformEnsemble", "J  JudgeSynthesis", "V  Verifier", "M  MostCommon",
                     "S  SelectorJudge", "temperature, temp:"] {
            #expect(result.standardOutput.contains(line), "missing \(line)")
        }
    }

    @Test("a notation error is a usage error quoting the text and offset")
    func notationError() async throws {
        let result = try await CommandRunner.ember(["run", "3E@local/smollm2,Q", "--query", "hi"])
        #expect(result.status == 64)
        #expect(result.standardError.contains(
            #"Error: Unknown node code "Q" at offset 17 in "3E@local/smollm2,Q""#))
    }

    @Test("--graph prints the system's graph without running it")
    func graph() async throws {
        let result = try await CommandRunner.ember(
            ["run", "3E@local/smollm2(temp=0.7),1M", "--graph", "dot"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("digraph"))
        #expect(result.standardOutput.contains("\"e1\" -> \"m2\""))
    }

    @Test("--graph needs no credentials for the models it names, but a known provider")
    func graphWithoutCredentials() async throws {
        let system = "3E!a@local/smollm2, 2E!b@openai/gpt-4o-mini, 1J!j@local/smollm2, "
            + "{a, b} -> j"
        let result = try await CommandRunner.ember(["run", system, "--graph", "mermaid"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("2E @openai/gpt-4o-mini"))
        let running = try await CommandRunner.ember(["run", system, "--query", "hi"])
        #expect(running.status == 64)
        #expect(running.standardError.contains("needs an API key"))
        let unknown = try await CommandRunner.ember(["run", "2E@nosuch/x,1M", "--graph", "dot"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("No provider is named 'nosuch'"))
    }

    @Test("a trace path that cannot be written is refused before any call")
    func unwritableTrace() async throws {
        let result = try await CommandRunner.ember(
            ["run", "1E@local/smollm2,1M", "--query", "hi", "--trace", "/nonexistent/dir/t.json"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("'/nonexistent/dir' does not exist"))
    }

    @Test("flows that form a cycle are a usage error naming the cycle")
    func cycle() async throws {
        let result = try await CommandRunner.ember(
            ["run", "E!e@local/smollm2, M!a, J!b@local/smollm2, e -> a, a -> b, b -> a",
             "--query", "hi"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("a -> b -> a") || result.standardError.contains(
            "b -> a -> b"), "\(result.standardError)")
    }

    @Test("a query is required to run")
    func missingQuery() async throws {
        let result = try await CommandRunner.ember(["run", "1E@local/smollm2"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("Missing '--query <text>'"))
    }
}

/// Compound systems from the notation against the real local model.
@Suite("ember run with the real local model", .enabled(if: TestEnvironment.hasLocalModel),
       .timeLimit(.minutes(3)))
struct RunCommandLocalModelTests {
    var environment: [String: String] {
        ["EMBER_LOCAL_BASE_URL": TestEnvironment.localModelBaseURL ?? ""]
    }

    func runJSON(_ system: String, trace: String? = nil) async throws -> [String: Any] {
        var arguments = ["run", system, "--query", "What is 12*7?", "--json",
                         "--answer-kind", "number"]
        if let trace { arguments += ["--trace", trace] }
        let result = try await CommandRunner.ember(arguments, environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(
            with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test("5E,1M: five overlapping samples and a vote, with every node's usage")
    func ensembleAndVote() async throws {
        let trace = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-trace-\(UUID().uuidString).json").path
        let json = try await runJSON("5E@local/smollm2(temp=0.9,max_tokens=48),1M", trace: trace)
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["id"] as? String } == ["e1", "m2"])
        let samples = try #require(nodes[0]["calls"] as? [[String: Any]])
        #expect(samples.count == 5)
        #expect((nodes[0]["outputs"] as? [String])?.count == 5)
        #expect(samples.allSatisfy { ($0["outputTokens"] as? Int ?? 0) > 0 })
        let vote = try #require(nodes[1]["vote"] as? [String: Any])
        #expect(vote["ballots"] as? Int == 5)
        #expect(json["calls"] as? Int == 5)
        #expect(json["cost"] as? String == "0")

        // The samples overlap: their latencies add up to more than the node's wall time.
        let latencies = samples.compactMap { $0["latencySeconds"] as? Double }
        let wall = try #require(nodes[0]["seconds"] as? Double)
        #expect(latencies.reduce(0, +) > wall * 1.5)

        let traceJSON = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: trace))) as? [String: Any])
        let events = try #require(traceJSON["traceEvents"] as? [[String: Any]])
        #expect(events.contains { $0["name"] as? String == "e1" })
    }

    @Test("5E,1J: a judge over the ensemble gives the final answer")
    func ensembleAndJudge() async throws {
        let json = try await runJSON(
            "5E@local/smollm2(temp=0.9,max_tokens=48),1J@local/smollm2(max_tokens=96)")
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["id"] as? String } == ["e1", "j2"])
        #expect((nodes[1]["calls"] as? [Any])?.count == 1)
        #expect(json["finalNode"] as? String == "j2")
        #expect((json["answer"] as? String)?.isEmpty == false)
    }

    @Test("3E;1V;1J: samples verified, then judged")
    func ensembleVerifierJudge() async throws {
        let json = try await runJSON("3E@local/smollm2(temp=0.7,max_tokens=48);"
            + "1V@local/smollm2(max_tokens=64);1J@local/smollm2(max_tokens=96)")
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["id"] as? String } == ["e1", "v2", "j3"])
        #expect((nodes[1]["calls"] as? [Any])?.count == 3)
        #expect(json["calls"] as? Int == 7)
    }

    @Test("ember eval --system scores a compound system on GSM8K")
    func evalWithSystem() async throws {
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--limit", "2",
             "--system", "3E@local/smollm2(temp=0.7,max_tokens=96),1M",
             "--data-dir", TestEnvironment.sharedDatasets],
            environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("3E@local/smollm2(temp=0.7,max_tokens=96),1M"))
        #expect(result.standardOutput.contains("Items               2\n"))
        #expect(result.standardOutput.contains("Errors              0 "))
    }
}
