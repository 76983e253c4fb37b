import EmberTestSupport
import Foundation
import Testing

@Suite("ember compare", .timeLimit(.minutes(2)))
struct CompareCommandTests {
    /// An OpenAI-shaped server answering question `qN` with `N` when `isRight(N)`, else 0.
    static func server(isRight: @escaping @Sendable (Int) -> Bool) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.start { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let number = body.firstMatch(of: /"q(\d+)"/).flatMap { Int($0.1) } ?? -1
            let answer = isRight(number) ? number : 0
            return .json(#"""
                {"choices":[{"message":{"content":"#### \#(answer)"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":3}}
                """#)
        }
    }

    @Test("two runs on the same items: accuracy, McNemar's p, flipped items; other data refused")
    func compareTwoRuns() async throws {
        let workspace = try EvalWorkspace(idPrefix: "n", count: 20) { "\($0)" }
        defer { workspace.remove() }
        let database = workspace.database

        // A is right on items 1–15 and B on 11–20: 10 items only A, 5 only B.
        let serverA = try Self.server { $0 <= 15 }
        defer { serverA.stop() }
        let serverB = try Self.server { $0 >= 11 }
        defer { serverB.stop() }
        func evaluate(_ server: LoopbackHTTPServer) async throws -> String {
            try await workspace.evaluate(model: "openai/test-model", answerKind: "number",
                                         environment: ["OPENAI_BASE_URL": server.baseURL + "/v1"])
        }
        let a = try await evaluate(serverA)
        let b = try await evaluate(serverB)

        let table = try await CommandRunner.ember(["compare", a, b],
                                                  environment: ["EMBER_DB": database])
        #expect(table.status == 0, "stderr: \(table.standardError)")
        #expect(table.standardOutput.contains("Paired on 20 shared items"))
        #expect(table.standardOutput.contains("75.0%"))
        #expect(table.standardOutput.contains("50.0%"))
        #expect(table.standardOutput.contains("-25.0 points"))
        // 2 × P(X ≤ 5) for 15 fair flips = 2 × 4,944 / 32,768.
        #expect(table.standardOutput.contains("McNemar's exact test: p = 0.3018 (10 items only A "
            + "got right, 5 only B)"))
        #expect(table.standardOutput.contains("Right in B, wrong in A (5):"))
        #expect(table.standardOutput.contains("Right in A, wrong in B (10):"))
        let shorter = try await CommandRunner.ember(["compare", a, b, "--show", "3"],
                                                    environment: ["EMBER_DB": database])
        #expect(shorter.standardOutput.contains("Right in A, wrong in B (10, the first 3):"))

        let json = try await CommandRunner.ember(
            ["compare", a, b, "--format", "json", "--seed", "3"], environment: ["EMBER_DB": database])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(
            with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["shared_items"] as? Int == 20)
        #expect((object["only_a_correct"] as? [Any])?.count == 10)
        let onlyB = try #require(object["only_b_correct"] as? [[String: Any]])
        #expect(onlyB.compactMap { $0["record_id"] as? String }.sorted()
            == ["n16", "n17", "n18", "n19", "n20"])
        let p = try #require(object["mcnemar_exact_p"] as? Double)
        #expect(abs(p - 2.0 * 4944 / 32768) < 1e-9)
        let interval = try #require(object["difference_interval"] as? [Double])
        #expect(interval[0] < -0.25 && -0.25 < interval[1])

        let other = try await workspace.evaluate(
            ["eval", "--dataset", "gsm8k", "--limit", "2", "--model", "openai/test-model"],
            environment: ["OPENAI_BASE_URL": serverA.baseURL + "/v1"])
        let refused = try await CommandRunner.ember(["compare", a, other],
                                                    environment: ["EMBER_DB": database])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("and run B over gsm8k; a paired comparison needs "
            + "the same items"))
        let unknown = try await CommandRunner.ember(["compare", a, "no-such-run"],
                                                    environment: ["EMBER_DB": database])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("There is no run 'no-such-run'"))
    }

    @Test("Markdown and HTML: the table's figures, and a hostile answer escaped")
    func documents() async throws {
        let workspace = try EvalWorkspace(idPrefix: "w", count: 10) { "word\($0)" }
        defer { workspace.remove() }
        // $1 per million tokens in and out: 13 tokens cost $0.000013 an item.
        let config = try workspace.file(
            "config.json",
            #"{"models": {"openai/test-model": {"input_price": 1, "output_price": 1}}}"#)
        let environment = ["EMBER_DB": workspace.database, "EMBER_CONFIG": config]
        /// A server answering `wordN` when `isRight(N)`, else a hostile answer.
        func server(isRight: @escaping @Sendable (Int) -> Bool) throws -> LoopbackHTTPServer {
            try LoopbackHTTPServer.start { request in
                let body = String(decoding: request.body, as: UTF8.self)
                let number = body.firstMatch(of: /"q(\d+)"/).flatMap { Int($0.1) } ?? -1
                let answer = isRight(number) ? "word\(number)"
                    : #"<script>alert(\"x\")</script> | *bold*"#
                return .json(#"""
                    {"choices":[{"message":{"content":"\#(answer)"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":10,"completion_tokens":3}}
                    """#)
            }
        }
        func evaluate(_ server: LoopbackHTTPServer) async throws -> String {
            try await workspace.evaluate(
                model: "openai/test-model", answerKind: "text",
                environment: environment.merging(
                    ["OPENAI_BASE_URL": server.baseURL + "/v1"]) { $1 })
        }
        // A is right on 1–8, B on 3–10: 2 items only A, 2 only B.
        let serverA = try server { $0 <= 8 }
        defer { serverA.stop() }
        let serverB = try server { $0 >= 3 }
        defer { serverB.stop() }
        let a = try await evaluate(serverA)
        let b = try await evaluate(serverB)
        let figures = ["80.0% [49.0%, 94.3%]", "+0.0 points [", "$0.000013", "$0.000016",
                       "$0.00013"]

        let markdown = try await CommandRunner.ember(["compare", a, b, "--format", "markdown"],
                                                     environment: environment)
        #expect(markdown.status == 0, "stderr: \(markdown.standardError)")
        let document = markdown.standardOutput
        #expect(document.hasPrefix("# Comparison of run "))
        for figure in figures {
            let escaped = figure.replacingOccurrences(of: "[", with: "\\[")
                .replacingOccurrences(of: "]", with: "\\]")
            #expect(document.contains(escaped), "no \(figure) in the Markdown")
        }
        #expect(document.contains("McNemar's exact test: p = 1.0000 (2 items only A got right, "
            + "2 only B)."))
        #expect(document.contains("## Right in B, wrong in A (2)"))
        // The text evaluator's extraction drops the punctuation it ignores, but keeps the
        // angle brackets, which must not reach the document raw.
        #expect(document.contains("| w9 | word9 | &lt;script&gt;alertx&lt; script&gt; \\| bold "
            + "| word9 |"))
        #expect(!document.contains("<script>"))

        let html = try await CommandRunner.ember(["compare", a, b, "--format", "html"],
                                                 environment: environment)
        #expect(html.status == 0, "stderr: \(html.standardError)")
        let page = html.standardOutput
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        for figure in figures { #expect(page.contains(figure), "no \(figure) in the page") }
        #expect(page.contains("<td>w1</td><td>word1</td><td>word1</td>"
            + "<td>&lt;script&gt;alertx&lt; script&gt; | bold</td></tr>"))
        #expect(!page.contains("<script>alert"))
        #expect(page.components(separatedBy: "<script>").count - 1 == 2)
        #expect(page.contains("<p class=\"label\">McNemar p</p><p class=\"figure\">1.0000</p>"))

        let refused = try await CommandRunner.ember(["compare", a, b, "--format", "pdf"],
                                                    environment: environment)
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("expected one of table, json, markdown, html"))
    }
}

/// A temporary directory with a small JSONL dataset (`id`, question `q` = `qN`, answer `a`),
/// a prompt that is the question alone, and a journal, for tests that fill the journal with
/// real `ember eval` runs.
struct EvalWorkspace {
    let directory: URL
    let data: URL
    let prompt: URL

    /// The journal's database, for `EMBER_DB`.
    var database: String { directory.appendingPathComponent("ember.db").path }

    /// Writes records 1 to `count`, record N with id `idPrefix` + N and answer `answer(N)`.
    init(idPrefix: String, count: Int, answer: (Int) -> String) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        data = directory.appendingPathComponent("records.jsonl")
        let records = (1...count).map {
            #"{"id":"\#(idPrefix)\#($0)","q":"q\#($0)","a":"\#(answer($0))"}"#
        }
        try Data(records.joined(separator: "\n").utf8).write(to: data)
        prompt = directory.appendingPathComponent("prompt.txt")
        try Data("{question}".utf8).write(to: prompt)
    }

    /// Writes `text` to a file of the directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `ember eval` of `model` over the dataset, journalled in ``database``, and
    /// returns the run's id.
    func evaluate(model: String, answerKind: String, extra: [String] = [],
                  environment: [String: String]) async throws -> String {
        try await evaluate(
            ["eval", "--dataset", data.path, "--id-field", "id", "--question-field", "q",
             "--answer-field", "a", "--answer-kind", answerKind, "--prompt", prompt.path,
             "--model", model] + extra, environment: environment)
    }

    /// Runs `ember` with `arguments`, journalled in ``database``, expects it to succeed, and
    /// returns the id of the run it names on stderr.
    func evaluate(_ arguments: [String], environment: [String: String]) async throws
        -> String
    {
        let result = try await CommandRunner.ember(
            arguments, environment: ["EMBER_DB": database].merging(environment) { $1 })
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let line = try #require(result.standardError.split(separator: "\n")
            .first { $0.hasPrefix("Run ") })
        return String(line.dropFirst(4).prefix { $0 != ":" })
    }

    /// Removes the directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
