import EmberTestSupport
import Foundation
import Testing

/// A word that starts like a negative number is an argument where the command takes
/// arguments; other words starting with '-' need '--', and the error says so.
@Suite("arguments that start with '-'", .timeLimit(.minutes(1)))
struct NegativeArgumentTests {
    /// An OpenAI-shaped server that answers every chat completion with "3".
    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.start { _ in
            .json(#"""
                {"choices":[{"message":{"content":"3"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":1}}
                """#)
        }
    }

    @Test("config set budget.dollars -1 is an invalid value, not an unknown option",
          arguments: [("budget.dollars", "-1"), ("budget.dollars", "-0.5"),
                      ("providers.openai.timeout", "-.5"), ("budget.tokens", "-3")])
    func negativeSettingValue(_ example: (key: String, value: String)) async throws {
        let result = try await CommandRunner.ember(["config", "set", example.key, example.value])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix(
            "Error: \(example.key) is '\(example.value)'; expected "), "\(result.standardError)")
        #expect(!result.standardError.contains("Unknown option"))
    }

    @Test("ask takes a prompt starting with a negative number, and any prompt after '--'")
    func promptStartingWithDash() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let environment = ["OPENAI_BASE_URL": server.baseURL + "/v1"]
        let number = try await CommandRunner.ember(
            ["ask", "openai/test-model", "-1 plus 2?", "--max-tokens", "5"],
            environment: environment)
        #expect(number.status == 0, "\(number.standardError)")
        #expect(number.standardOutput.contains("3"))
        let dashed = try await CommandRunner.ember(
            ["ask", "openai/test-model", "--max-tokens", "5", "--", "-x plus 2?"],
            environment: environment)
        #expect(dashed.status == 0, "\(dashed.standardError)")
        let bodies = server.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies.count == 2)
        #expect(bodies.first?.contains("-1 plus 2?") == true)
        #expect(bodies.last?.contains("-x plus 2?") == true)
    }

    @Test("another word starting with '-' is an unknown option, with a hint to use '--'")
    func dashHint() async throws {
        let result = try await CommandRunner.ember(["ask", "openai/test-model", "-x plus 2?"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: Unknown option '-x plus 2?'. To pass a "
            + "value that starts with '-', put '--' before it"), "\(result.standardError)")
        // A command that takes no arguments has no use for the hint.
        let eval = try await CommandRunner.ember(["eval", "-1"])
        #expect(eval.status == 64)
        #expect(eval.standardError.hasPrefix("Error: Unknown option '-1'.\n"),
                "\(eval.standardError)")
    }
}
