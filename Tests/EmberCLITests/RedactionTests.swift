import EmberTestSupport
import Foundation
import Synchronization
import Testing

/// A key set in the environment must appear in no output line, log line, error, report or
/// database file, even when the server echoes it back in its error messages.
@Suite("an API key never leaves the environment", .timeLimit(.minutes(2)))
struct RedactionTests {
    /// A key no other text could contain by chance.
    let key = "sk-ember-redaction-" + UUID().uuidString.lowercased()

    /// An OpenAI error body that quotes the key, as OpenAI's own "Incorrect API key" does.
    func echoingError(_ kind: String) -> String {
        #"{"error":{"message":"\#(kind): the key \#(key) is not valid for this request.","#
            + #""type":"invalid_request_error","code":"invalid_api_key"}}"#
    }

    static let success = #"{"id":"chatcmpl-1","choices":[{"message":{"role":"assistant","#
        + #""content":"The answer is 42."},"finish_reason":"stop"}],"#
        + #""usage":{"prompt_tokens":50,"completion_tokens":6,"total_tokens":56}}"#

    /// Answers most calls with usage; the second call is rate limited and the third refused,
    /// each with a message echoing the key; a prompt saying FAIL-PLEASE, and the models
    /// list, are refused the same way.
    func startServer() throws -> LoopbackHTTPServer {
        let count = Mutex(0)
        let rateLimited = echoingError("Rate limit reached")
        let refused = echoingError("Incorrect API key provided")
        return try LoopbackHTTPServer.start { request in
            if request.path.hasSuffix("/models")
                || String(decoding: request.body, as: UTF8.self).contains("FAIL-PLEASE") {
                return .json(refused, status: 401)
            }
            let index = count.withLock { value in
                defer { value += 1 }
                return value
            }
            switch index {
            case 1:
                return .respond(status: 429, headers: ["Content-Type": "application/json",
                                                       "Retry-After": "0"],
                                body: Data(rateLimited.utf8))
            case 2:
                return .json(refused, status: 401)
            default:
                return .json(Self.success)
            }
        }
    }

    /// Every regular file under `directory`, with its contents.
    func files(under directory: String) throws -> [(path: String, data: Data)] {
        let root = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [(String, Data)] = []
        for case let url as URL in walker
        where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            found.append((url.path, try Data(contentsOf: url)))
        }
        return found
    }

    @Test("eval, ask, a failed stream and doctor, logging: the key is in no line or file")
    func keyAppearsNowhere() async throws {
        let server = try startServer()
        defer { server.stop() }
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-redaction-\(UUID().uuidString)").path
        let environment = [
            "HOME": root + "/home", "EMBER_DB": root + "/db/ember.db",
            "EMBER_CACHE_DIR": root + "/cache", "OPENAI_API_KEY": key,
            "OPENAI_BASE_URL": server.baseURL + "/v1",
            "EMBER_LOCAL_BASE_URL": "http://127.0.0.1:9/v1",
        ]
        let eval = try await CommandRunner.ember(
            ["--verbose", "eval", "--dataset", "gsm8k", "--limit", "3",
             "--model", "openai/gpt-4o-mini"], environment: environment)
        let ask = try await CommandRunner.ember(
            ["--verbose", "ask", "openai/gpt-4o-mini", "What is 6 times 7?"],
            environment: environment)
        let failedStream = try await CommandRunner.ember(
            ["-v", "ask", "--stream", "openai/gpt-4o-mini", "FAIL-PLEASE"],
            environment: environment)
        let doctor = try await CommandRunner.ember(["doctor", "--verbose"],
                                                   environment: environment)

        // The key was really sent, and really echoed back.
        let calls = server.requests.filter { $0.path.hasSuffix("/chat/completions") }
        #expect(calls.count == 6)
        #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer \(key)" })

        // Log lines are there: one per call, with the retry counted and the refusal named.
        let callLines = eval.standardError.split(separator: "\n")
            .filter { $0.contains(" debug ember: model call ") }
        #expect(callLines.count == 3, "\(eval.standardError)")
        #expect(callLines.allSatisfy { $0.contains("model.id=openai/gpt-4o-mini") })
        #expect(callLines.filter { $0.contains("call.status=authentication") }.count == 1)
        let attempts = callLines.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("call.attempts=") }
                .flatMap { Int($0.dropFirst("call.attempts=".count)) }
        }
        #expect(attempts.reduce(0, +) == 4)
        #expect(ask.status == 0)
        #expect(ask.standardError.contains("call.status=ok"))
        #expect(ask.standardError.contains("usage.input_tokens=50"))
        #expect(failedStream.status == 1)
        #expect(failedStream.standardError.contains("call.streaming=true"))
        #expect(failedStream.standardError.contains("call.status=authentication"))
        #expect(failedStream.standardError.contains("Error: "))
        #expect(doctor.status == 1)
        #expect(doctor.standardOutput.contains("problem  openai: "))
        #expect(doctor.standardOutput.contains("OPENAI_API_KEY"))

        // Nowhere: not in any output, nor in the journal, ledger, reports or their journals.
        let secretPart = String(key.suffix(36))
        for (name, result) in [("eval", eval), ("ask", ask), ("stream", failedStream),
                               ("doctor", doctor)] {
            for text in [result.standardOutput, result.standardError] {
                #expect(!text.contains(key), "\(name) printed the key")
                #expect(!text.contains(secretPart), "\(name) printed part of the key")
            }
        }
        let written = try files(under: root)
        let names = written.map { ($0.path as NSString).lastPathComponent }
        #expect(names.contains("ember.db"))
        #expect(names.contains("report.json"))
        #expect(names.contains("report.html"))
        for file in written {
            #expect(file.data.range(of: Data(key.utf8)) == nil, "\(file.path) holds the key")
            #expect(file.data.range(of: Data(secretPart.utf8)) == nil,
                    "\(file.path) holds part of the key")
        }
        // The echoed messages did reach the journal and the reports, cleaned.
        let report = try #require(written.first { $0.path.hasSuffix("report.json") })
        #expect(String(decoding: report.data, as: UTF8.self).contains("[redacted]"))
        #expect(failedStream.standardError.contains("[redacted]"))
    }
}
