import EmberTestSupport
import Foundation
import Testing

/// `ember eval --rescore`: a finished run's saved answers scored again, as a new run linked
/// to the first, with no model call.
@Suite("ember eval --rescore", .timeLimit(.minutes(2)))
struct RescoreCommandTests {
    /// Answers question qN with a first guess of N + 1 and a final answer of N.
    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.start { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let number = body.firstMatch(of: /q(\d+)/).flatMap { Int($0.1) } ?? -1
            return .json(#"""
                {"choices":[{"message":{"content":"I think it is \#(number + 1). Final: \#(number)"},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":8}}
                """#)
        }
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("a new evaluator re-scores every answer and node, and no request is sent")
    func rescoreWithAnotherEvaluator() async throws {
        let workspace = try EvalWorkspace(idPrefix: "r", count: 6) { "\($0)" }
        defer { workspace.remove() }
        let environment = ["EMBER_DB": workspace.database]
        let server = try Self.server()
        let original = try await workspace.evaluate(
            model: "openai/test-model", answerKind: "number",
            extra: ["--system", "3E(temp=0.7),1M"],
            environment: ["OPENAI_BASE_URL": server.baseURL + "/v1"])
        #expect(server.requests.count == 18)
        server.stop()

        // The server is gone: a re-scoring that sent a request would fail.
        let rescored = try await CommandRunner.ember(
            ["eval", "--rescore", original, "--evaluator", #"regex:I think it is (\d+)"#,
             "--format", "json"], environment: environment)
        #expect(rescored.status == 0, "stderr: \(rescored.standardError)")
        #expect(server.requests.count == 18)
        #expect(rescored.standardError.contains("no model is called"))
        let report = try json(rescored.standardOutput)
        let metrics = try #require(report["metrics"] as? [String: Any])
        // Every first guess is one too many: nothing is right under the new rule.
        #expect(metrics["accuracy"] as? Double == 0)
        let nodes = try #require(report["nodes"] as? [[String: Any]])
        #expect(nodes.first?["sample_accuracy"] as? Double == 0)
        let run = try #require(report["run"] as? [String: Any])
        let configuration = try #require(run["configuration"] as? [String: Any])
        #expect(configuration["evaluator"] as? String == #"regex:I think it is (\d+)"#)
        #expect(configuration["system"] as? String == "3E(temp=0.7),1M")
        // The tokens are the original answers', not new ones.
        #expect((metrics["tokens"] as? [String: Any])?["input"] as? Int == 180)

        // With its own evaluator, the same answers score as they did: all right.
        let again = try await CommandRunner.ember(
            ["eval", "--rescore", original, "--format", "json"], environment: environment)
        #expect(again.status == 0, "stderr: \(again.standardError)")
        #expect((try json(again.standardOutput)["metrics"] as? [String: Any])?["accuracy"]
            as? Double == 1)

        let runs = try await CommandRunner.ember(["runs"], environment: environment)
        #expect(runs.standardOutput.components(separatedBy: "rescored from \(original)").count
            == 3)
    }

    @Test("options that would change the answers are refused, as is an unknown run")
    func refusals() async throws {
        let workspace = try EvalWorkspace(idPrefix: "r", count: 2) { "\($0)" }
        defer { workspace.remove() }
        let environment = ["EMBER_DB": workspace.database]
        let server = try Self.server()
        defer { server.stop() }
        let original = try await workspace.evaluate(
            model: "openai/test-model", answerKind: "number",
            environment: ["OPENAI_BASE_URL": server.baseURL + "/v1"])

        let model = try await CommandRunner.ember(
            ["eval", "--rescore", original, "--model", "openai/other"], environment: environment)
        #expect(model.status == 64)
        #expect(model.standardError.contains("'--model' cannot be used with '--rescore'"))
        let unknown = try await CommandRunner.ember(["eval", "--rescore", "no-such-run"],
                                                    environment: environment)
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("There is no run 'no-such-run'"))
        let badRule = try await CommandRunner.ember(
            ["eval", "--rescore", original, "--evaluator", "regex:("], environment: environment)
        #expect(badRule.status == 64)
        #expect(server.requests.count == 2)
    }
}
