import EmberTestSupport
import Foundation
import Testing

@Suite("ember runs --pareto", .timeLimit(.minutes(3)))
struct RunsCommandTests {
    /// How many of the 20 questions each model answers right (questions 1 to N).
    static let rightAnswers = ["cheap": 10, "mid": 8, "dear": 18, "unpriced": 20]

    /// An OpenAI-shaped server answering question `qN` with `N` when the requested model
    /// gets it right, else 0; 10 input and 3 output tokens per call.
    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.start { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let number = body.firstMatch(of: /"q(\d+)"/).flatMap { Int($0.1) } ?? -1
            let model = body.firstMatch(of: /"model" *: *"([a-z]+)"/).map { String($0.1) }
            let isRight = number <= (model.flatMap { rightAnswers[$0] } ?? 0)
            return .json(#"""
                {"choices":[{"message":{"content":"#### \#(isRight ? number : 0)"},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":3}}
                """#)
        }
    }

    @Test("runs over the same items: accuracy, cost per item, latency, the frontier marked")
    func pareto() async throws {
        let workspace = try EvalWorkspace(idPrefix: "n", count: 20) { "\($0)" }
        defer { workspace.remove() }
        let data = workspace.data
        // Dollars per million tokens: 13 tokens an item cost $0.000013 (cheap), $0.000065
        // (mid) and $0.00013 (dear); the unpriced model's cost is unknown.
        let config = try workspace.file("config.json", #"""
            {"models": {"openai/cheap": {"input_price": 1, "output_price": 1},
                        "openai/mid": {"input_price": 5, "output_price": 5},
                        "openai/dear": {"input_price": 10, "output_price": 10}}}
            """#)
        let server = try Self.server()
        defer { server.stop() }
        let environment = ["OPENAI_BASE_URL": server.baseURL + "/v1",
                           "EMBER_DB": workspace.database, "EMBER_CONFIG": config]
        func evaluate(_ model: String, limit: Int? = nil) async throws -> String {
            try await workspace.evaluate(model: "openai/\(model)", answerKind: "number",
                                         extra: limit.map { ["--limit", "\($0)"] } ?? [],
                                         environment: environment)
        }
        var runs: [String: String] = [:]
        for model in ["cheap", "mid", "dear", "unpriced"] {
            runs[model] = try await evaluate(model)
        }
        let short = try await evaluate("cheap", limit: 5)

        let table = try await CommandRunner.ember(
            ["runs", "--dataset", data.path, "--pareto"], environment: environment)
        #expect(table.status == 0, "stderr: \(table.standardError)")
        let text = table.standardOutput
        #expect(text.hasPrefix("4 runs over the same 20 items of \(data.path).\n"))
        let lines = text.split(separator: "\n").map(String.init)
        func row(_ model: String) -> String {
            lines.first { line in runs[model].map { line.contains($0) } ?? false } ?? ""
        }
        #expect(row("cheap").contains("50.0% [29.9%, 70.1%]"))
        #expect(row("cheap").contains("$0.000013"))
        #expect(row("cheap").hasSuffix("on frontier"))
        #expect(row("mid").contains("40.0% [21.9%, 61.3%]"))
        #expect(row("mid").contains("$0.000065"))
        #expect(row("mid").hasSuffix("dominated"))
        #expect(row("dear").contains("90.0% [69.9%, 97.2%]"))
        #expect(row("dear").contains("$0.00013"))
        #expect(row("dear").hasSuffix("on frontier"))
        #expect(row("unpriced").contains("100.0% [83.9%, 100.0%]"))
        #expect(row("unpriced").hasSuffix("cost unknown, not placed"))
        #expect(row("cheap").firstMatch(of: /\d+\.\d\d s/) != nil, "a p50 latency")
        #expect(text.contains("Runs of unknown cost are listed but not placed on the frontier "
            + "(1 here)."))
        #expect(text.contains("Not shown: 1 run over another set of 5 items of \(data.path) "
            + "(\(short))."))

        let json = try await CommandRunner.ember(
            ["runs", "--dataset", data.path, "--pareto", "--format", "json"],
            environment: environment)
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(
            with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["frontier"] as? [String] == [runs["cheap"], runs["dear"]].compactMap { $0 })
        let listed = try #require(object["runs"] as? [[String: Any]])
        #expect(listed.compactMap { $0["cost_per_item"] as? String }
            == ["0.000013", "0.000065", "0.00013"])

        let markdown = try await CommandRunner.ember(
            ["runs", "--dataset", data.path, "--pareto", "--format", "markdown"],
            environment: environment)
        #expect(markdown.standardOutput.contains("| 50.0% \\[29.9%, 70.1%\\] | $0.000013 |"))
        let html = try await CommandRunner.ember(
            ["runs", "--dataset", data.path, "--pareto", "--format", "html"],
            environment: environment)
        #expect(html.standardOutput.hasPrefix("<!DOCTYPE html>"))
        #expect(html.standardOutput.components(separatedBy: "<g class=\"point").count - 1 == 3)
        #expect(html.standardOutput.contains("<polyline class=\"frontier\""))

        let missing = try await CommandRunner.ember(["runs", "--pareto"],
                                                    environment: environment)
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("'--pareto' needs '--dataset NAME'"))
        let none = try await CommandRunner.ember(["runs", "--dataset", "gsm8k", "--pareto"],
                                                 environment: environment)
        #expect(none.status == 1)
        #expect(none.standardError.contains("no run over gsm8k"))
        let filtered = try await CommandRunner.ember(["runs", "--dataset", data.path],
                                                     environment: environment)
        #expect(filtered.standardOutput.split(separator: "\n").count == 6, "a heading, 5 runs")
    }
}
