import EmberTestSupport
import Foundation
import Synchronization
import Testing

/// `ember eval`'s journal through the built binary: killed runs resume with every item once,
/// Ctrl-C says how to go on, budgets stop runs, and resumes under other options are refused.
@Suite("ember eval: journal, resume and budget", .timeLimit(.minutes(3)))
struct EvalJournalTests {
    /// A gate the server holds requests at until the test opens it.
    final class Gate: Sendable {
        private let isOpen = Mutex(false)
        func open() { isOpen.withLock { $0 = true } }
        func wait() { while !isOpen.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.01) } }
    }

    /// An OpenAI-compatible server that answers every call with "#### 18", 10 prompt and 3
    /// completion tokens; requests after the first `heldAfter` wait at `gate`, so the test
    /// can signal the client while it is surely mid-run, however loaded the machine; each
    /// answer takes at least `delay` seconds.
    static func server(heldAfter: Int = .max, gate: Gate = Gate(),
                       delay: TimeInterval = 0) throws -> LoopbackHTTPServer {
        let body = #"""
            {"choices":[{"message":{"content":"The answer is\n#### 18"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":3}}
            """#
        let count = Mutex(0)
        return try LoopbackHTTPServer.start { _ in
            let index = count.withLock { value in
                defer { value += 1 }
                return value
            }
            if index >= heldAfter { gate.wait() }
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            return .respond(status: 200, headers: ["Content-Type": "application/json"],
                            body: Data(body.utf8))
        }
    }

    static func environment(_ server: LoopbackHTTPServer, database: String) -> [String: String] {
        ["OPENAI_BASE_URL": server.baseURL + "/v1", "EMBER_DB": database]
    }

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-journal-\(UUID().uuidString).db").path
    }

    /// The run id the command printed on stderr: "Run <id>: …".
    static func runID(in standardError: String) throws -> String {
        let line = try #require(standardError.split(separator: "\n")
            .first { $0.hasPrefix("Run ") })
        return String(line.dropFirst(4).prefix { $0 != ":" })
    }

    let arguments = ["eval", "--dataset", "gsm8k", "--model", "openai/test-model",
                     "--limit", "30", "--concurrency", "3"]

    @Test("a run killed with SIGKILL and resumed ends with every item exactly once")
    func killAndResume() async throws {
        let gate = Gate()
        let server = try Self.server(heldAfter: 10, gate: gate, delay: 0.05)
        defer { server.stop() }
        let database = Self.temporaryDatabase()
        let environment = Self.environment(server, database: database)

        // Ten items are answered (in four rounds of at least 0.05 s); the next three are held
        // in flight when the kill comes.
        let first = try CommandRunner.launch(arguments, environment: environment)
        try await waitUntil({ server.requests.count >= 13 }, limit: .seconds(60))
        first.send(SIGKILL)
        let killed = await first.result()
        gate.open()
        #expect(killed.status == SIGKILL)
        let id = try Self.runID(in: killed.standardError)
        let requestsBeforeResume = server.requests.count
        #expect(requestsBeforeResume == 13)
        // Nobody holds the killed run's lock: it is interrupted, and its wall time so far is
        // kept with its last item.
        let killedListing = try await CommandRunner.ember(["runs"], environment: environment)
        let killedRow = try #require(killedListing.standardOutput.split(separator: "\n")
            .first { $0.hasPrefix(id) })
        #expect(killedRow.contains(" interrupted "), "\(killedRow)")
        #expect(!killedRow.hasSuffix(" 0.0 s"), "\(killedRow)")

        let resumed = try await CommandRunner.ember(["eval", "--resume", id],
                                                    environment: environment)
        #expect(resumed.status == 0, "stderr: \(resumed.standardError)")
        #expect(resumed.standardError.contains("Resuming run \(id): "))
        #expect(resumed.standardOutput.contains("Items               30\n"))
        #expect(resumed.standardOutput.contains("Errors              0 "))
        // Only the items unfinished at the kill were asked again: the three in flight and
        // the seventeen never started.
        #expect(server.requests.count == 13 + 20)

        let listing = try await CommandRunner.ember(["runs"], environment: environment)
        let row = try #require(listing.standardOutput.split(separator: "\n")
            .first { $0.hasPrefix(id) })
        #expect(row.contains(" complete "))
        #expect(row.contains(" 30/30 "))
    }

    @Test("Ctrl-C stops the run, keeps its items and says how to resume")
    func interrupt() async throws {
        let gate = Gate()
        let server = try Self.server(heldAfter: 4, gate: gate)
        defer { server.stop() }
        let database = Self.temporaryDatabase()
        let environment = Self.environment(server, database: database)
        let run = try CommandRunner.launch(arguments, environment: environment)
        try await waitUntil({ server.requests.count >= 7 }, limit: .seconds(60))
        run.send(SIGINT)
        let result = await run.result()
        gate.open()
        #expect(result.status == 130)
        let id = try Self.runID(in: result.standardError)
        #expect(result.standardError.contains("continue with 'ember eval --resume \(id)'"))
        #expect(result.standardOutput.contains("Items               4 of 30 (interrupted)"))

        let listing = try await CommandRunner.ember(["runs"], environment: environment)
        #expect(listing.standardOutput.contains(" interrupted "))
    }

    @Test("a resume with options that change the run is refused, naming the differences")
    func mismatchedResume() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server, database: Self.temporaryDatabase())
        let first = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--model", "openai/test-model", "--limit", "2"],
            environment: environment)
        #expect(first.status == 0)
        let id = try Self.runID(in: first.standardError)
        let resumed = try await CommandRunner.ember(
            ["eval", "--resume", id, "--limit", "5", "--max-tokens", "64"],
            environment: environment)
        #expect(resumed.status == 64)
        #expect(resumed.standardError.contains("limit: 2 → 5"))
        #expect(resumed.standardError.contains("maximumTokens: 512 → 64"))
        let unknown = try await CommandRunner.ember(["eval", "--resume", "no-such-run"],
                                                    environment: environment)
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("There is no run 'no-such-run'"))
    }

    @Test("a resume of a run another process is running is refused at once, naming its PID")
    func concurrentResume() async throws {
        let gate = Gate()
        let server = try Self.server(heldAfter: 2, gate: gate)
        defer { server.stop() }
        let environment = Self.environment(server, database: Self.temporaryDatabase())
        let first = try CommandRunner.launch(
            ["eval", "--dataset", "gsm8k", "--model", "openai/test-model", "--limit", "8",
             "--concurrency", "2"], environment: environment)
        try await waitUntil({ server.requests.count >= 4 }, limit: .seconds(60))
        let id = try await runIDOfLatestRun(environment: environment)
        let second = try await CommandRunner.ember(["eval", "--resume", id],
                                                   environment: environment)
        gate.open()
        let finished = await first.result()
        #expect(second.status == 1)
        #expect(second.standardError.contains(
            "Run \(id) is being run by another process (PID \(first.processIdentifier))"),
            "stderr: \(second.standardError)")
        #expect(second.standardError.contains("wait for it to finish, or stop it"))
        #expect(finished.status == 0, "stderr: \(finished.standardError)")
        // Every item was asked once, by the first process only.
        #expect(server.requests.count == 8)
        let listing = try await CommandRunner.ember(["runs"], environment: environment)
        #expect(listing.standardOutput.contains(" 8/8 "))
    }

    /// The id of the most recent run, from `ember runs` (the first column of its first row).
    func runIDOfLatestRun(environment: [String: String]) async throws -> String {
        let listing = try await CommandRunner.ember(["runs"], environment: environment)
        let row = try #require(listing.standardOutput.split(separator: "\n").dropFirst().first)
        return String(row.prefix { $0 != " " })
    }

    /// A file of six one-word numeric questions, and the options that evaluate it so that
    /// each call is estimated at 20 tokens and uses 13 (`--budget-tokens 40` allows two).
    static func sixQuestions(in directory: URL, answers: [String] = Array(repeating: "18",
                                                                          count: 6))
        throws -> (file: URL, options: [String])
    {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lines = answers.enumerated().map { #"{"q":"q\#($0.offset)","a":"\#($0.element)"}"# }
        let data = directory.appendingPathComponent("six.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: data)
        let prompt = directory.appendingPathComponent("prompt.txt")
        try Data("{question}".utf8).write(to: prompt)
        return (data, ["--question-field", "q", "--answer-field", "a", "--answer-kind",
                       "number", "--prompt", prompt.path, "--model", "openai/test-model",
                       "--max-tokens", "20", "--concurrency", "1"])
    }

    @Test("a resume after the dataset's items changed is refused, naming the first change")
    func changedItems() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server, database: Self.temporaryDatabase())
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-changed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (file, options) = try Self.sixQuestions(in: directory)
        let first = try await CommandRunner.ember(
            ["eval", "--dataset", file.path, "--budget-tokens", "40"] + options,
            environment: environment)
        #expect(first.status == 2, "stderr: \(first.standardError)")
        #expect(server.requests.count == 2)
        let id = try Self.runID(in: first.standardError)

        // The first item's gold answer changes, and with it its content-derived id.
        _ = try Self.sixQuestions(in: directory, answers: ["17"] + Array(repeating: "18",
                                                                         count: 5))
        let resumed = try await CommandRunner.ember(
            ["eval", "--resume", id, "--budget-tokens", "100000"], environment: environment)
        #expect(resumed.status == 1)
        #expect(resumed.standardError.contains(
            "The dataset's items changed since run \(id) began"), "\(resumed.standardError)")
        #expect(resumed.standardError.contains(", finished in the run, is not among the "
            + "dataset's items now"))
        #expect(server.requests.count == 2)
        let listing = try await CommandRunner.ember(["runs"], environment: environment)
        #expect(listing.standardOutput.contains(" 2/6 "))
    }

    @Test("a run begun before fingerprints is refused when its items changed, else resumes",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func runWithoutFingerprint() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let database = Self.temporaryDatabase()
        let environment = Self.environment(server, database: database)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-legacy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (file, options) = try Self.sixQuestions(in: directory)
        let first = try await CommandRunner.ember(
            ["eval", "--dataset", file.path, "--budget-tokens", "40"] + options,
            environment: environment)
        let id = try Self.runID(in: first.standardError)
        // As an earlier version would have left it: no fingerprint.
        let cleared = try await CommandRunner.run(
            "/usr/bin/sqlite3",
            [database, "UPDATE eval_runs SET items_fingerprint = NULL, items_source = NULL"],
            environment: [:])
        #expect(cleared.status == 0, "\(cleared.standardError)")

        // Its finished item is no longer in the data: refused, and nothing is deleted.
        _ = try Self.sixQuestions(in: directory, answers: ["17"] + Array(repeating: "18",
                                                                         count: 5))
        let refused = try await CommandRunner.ember(
            ["eval", "--resume", id, "--budget-tokens", "100000"], environment: environment)
        #expect(refused.status == 1, "stderr: \(refused.standardError)")
        #expect(refused.standardError.contains("The dataset's items changed since run \(id)"))
        #expect(refused.standardError.contains("1 of its finished items are not among the "
            + "dataset's items now"), "\(refused.standardError)")
        let kept = try await CommandRunner.ember(["runs"], environment: environment)
        #expect(kept.standardOutput.contains(" 2/6 "), "\(kept.standardOutput)")

        // With the data it began with, it resumes and takes the fingerprint from then on.
        _ = try Self.sixQuestions(in: directory)
        let resumed = try await CommandRunner.ember(
            ["eval", "--resume", id, "--budget-tokens", "100000"], environment: environment)
        #expect(resumed.status == 0, "stderr: \(resumed.standardError)")
        #expect(resumed.standardError.contains("2 of 6 items already finished"))
        #expect(resumed.standardOutput.contains("Items               6\n"))
        let listing = try await CommandRunner.ember(["runs"], environment: environment)
        #expect(listing.standardOutput.contains(" 6/6 "), "\(listing.standardOutput)")
    }

    @Test("a resume reading a benchmark from another data directory with other items is refused")
    func otherDataDirectory() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server, database: Self.temporaryDatabase())
        let first = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--model", "openai/test-model", "--limit", "4",
             "--budget-tokens", "700"], environment: environment)
        // Four calls in flight at once do not fit: it stops at the budget with the first
        // item finished (or, on a machine slow enough to send them one by one, finishes).
        #expect([0, 2].contains(first.status), "stderr: \(first.standardError)")
        let id = try Self.runID(in: first.standardError)
        let requests = server.requests.count

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-other-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let gsm8k = directory.appendingPathComponent("gsm8k")
        try FileManager.default.createDirectory(at: gsm8k, withIntermediateDirectories: true)
        let rows = (1...4).map {
            "{\"question\":\"What is \($0) + 1?\",\"answer\":\"#### 9\($0)\"}"
        }
        try Data(rows.joined(separator: "\n").utf8)
            .write(to: gsm8k.appendingPathComponent("test.jsonl"))
        let resumed = try await CommandRunner.ember(
            ["eval", "--resume", id, "--budget-tokens", "100000", "--data-dir", directory.path],
            environment: environment)
        #expect(resumed.status == 1)
        #expect(resumed.standardError.contains(
            "The dataset's items changed since run \(id) began"), "\(resumed.standardError)")
        #expect(resumed.standardError.contains("the gold answer of item gsm8k/test/1 changed"))
        #expect(resumed.standardError.contains("this resume from \(directory.path)"))
        #expect(server.requests.count == requests)
    }

    @Test("a token budget refuses the call that could pass it, unsent; a larger one finishes")
    func tokenBudget() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server, database: Self.temporaryDatabase())
        // Ten one-word questions asked as they are: each call is estimated at 0 prompt tokens
        // plus its 20-token output limit, and uses 13. 60 tokens allow four calls
        // (39 + 20 ≤ 60), not a fifth (52 + 20 > 60).
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let questions = (1...10).map { #"{"q":"q\#($0)","a":"18"}"# }.joined(separator: "\n")
        let data = directory.appendingPathComponent("tiny.jsonl")
        try Data(questions.utf8).write(to: data)
        let prompt = directory.appendingPathComponent("prompt.txt")
        try Data("{question}".utf8).write(to: prompt)
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", data.path, "--question-field", "q", "--answer-field", "a",
             "--answer-kind", "number", "--prompt", prompt.path, "--model", "openai/test-model",
             "--max-tokens", "20", "--concurrency", "1", "--budget-tokens", "60"],
            environment: environment)
        #expect(result.status == 2, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("Items               4 of 10"))
        #expect(result.standardError.contains("Stopped at the budget: 4 of 10 items finished"))
        #expect(result.standardError.contains("past 60 tokens, so it was not sent: 52 spent"))
        #expect(server.requests.count == 4)
        let id = try Self.runID(in: result.standardError)
        let resumed = try await CommandRunner.ember(
            ["eval", "--resume", id, "--budget-tokens", "1000"], environment: environment)
        #expect(resumed.status == 0, "stderr: \(resumed.standardError)")
        #expect(resumed.standardOutput.contains("Items               10\n"))
        #expect(server.requests.count == 10)
    }

    @Test("a dollar budget refuses a model of unknown price before anything is sent")
    func dollarBudgetUnknownPrice() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--model", "openai/test-model", "--limit", "3",
             "--budget", "0.10"],
            environment: Self.environment(server, database: Self.temporaryDatabase()))
        #expect(result.status == 2)
        #expect(result.standardError.contains(
            "The run's budget is in dollars, and the price of openai/test-model is unknown"))
        #expect(server.requests.isEmpty)
    }

    @Test("EMBER_BUDGET_TOKENS holds every call of the process to its limit")
    func contextBudget() async throws {
        let server = try Self.server()
        defer { server.stop() }
        var environment = Self.environment(server, database: Self.temporaryDatabase())
        environment["EMBER_BUDGET_TOKENS"] = "100"
        let refused = try await CommandRunner.ember(
            ["ask", "openai/test-model", "What is 6 × 3?", "--max-tokens", "200"],
            environment: environment)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("could take the configured budget "
            + "(budget.dollars, budget.tokens) past 100 tokens, so it was not sent"))
        #expect(server.requests.isEmpty)
        let allowed = try await CommandRunner.ember(
            ["ask", "openai/test-model", "What is 6 × 3?", "--max-tokens", "50"],
            environment: environment)
        #expect(allowed.status == 0, "stderr: \(allowed.standardError)")
        #expect(server.requests.count == 1)
    }

    @Test("--format json prints the report, three files are written, runs show re-renders")
    func reports() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = Self.environment(server, database: Self.temporaryDatabase())
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-reports-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--model", "openai/test-model", "--limit", "3",
             "--format", "json", "--output", output], environment: environment)
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(
            with: Data(result.standardOutput.utf8)) as? [String: Any])
        let metrics = try #require(report["metrics"] as? [String: Any])
        #expect(metrics["item_count"] as? Int == 3)
        #expect((report["items"] as? [Any])?.count == 3)
        for name in ["report.html", "report.json", "report.md"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(name)"))
        }
        let page = try String(contentsOfFile: "\(output)/report.html", encoding: .utf8)
        #expect(page.contains("<svg"))
        // Self-contained: nothing is fetched (the SVG namespace URI is a name, not a fetch).
        for fetch in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
            #expect(!page.contains(fetch), "the page fetches \(fetch)")
        }

        let id = try Self.runID(in: result.standardError)
        let requests = server.requests.count
        let shown = try await CommandRunner.ember(
            ["runs", "show", id, "--format", "markdown", "--output", output],
            environment: environment)
        #expect(shown.status == 0)
        #expect(shown.standardOutput.contains("| Items | 3 |"))
        #expect(server.requests.count == requests)
        let bad = try await CommandRunner.ember(
            ["eval", "--dataset", "gsm8k", "--format", "pdf"], environment: environment)
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("expected one of table, json, markdown, html"))
    }
}
