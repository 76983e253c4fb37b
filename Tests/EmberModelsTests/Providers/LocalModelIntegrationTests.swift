import EmberTestSupport
import Foundation
import Testing
import EmberModels

/// Real requests to the real local `llama-server` serving SmolLM2-135M-Instruct, which
/// `scripts/test.sh` starts and names in `EMBER_TEST_LOCAL_BASE_URL`.
@Suite("Local model (real llama-server)", .enabled(if: TestEnvironment.hasLocalModel),
       .timeLimit(.minutes(2)))
struct LocalModelIntegrationTests {
    let provider = OpenAICompatibleProvider(
        baseURL: TestEnvironment.localModelBaseURL ?? "", apiKey: nil, client: HTTPClient())

    @Test("a chat completion returns text, usage and a finish reason")
    func completion() async throws {
        let response = try await provider.complete(
            ModelRequest(messages: [.user("What is the capital of France? Answer in one word.")],
                         parameters: ModelParameters(temperature: 0, maximumTokens: 32)),
            model: "smollm2")
        let text = try #require(response.text)
        #expect(!text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(text.contains("Paris"))
        let usage = try #require(response.usage)
        #expect(usage.inputTokens > 5)
        #expect(usage.outputTokens > 0)
        #expect(usage.outputTokens <= 32)
        #expect(response.finishReason == .stop || response.finishReason == .length)
    }

    @Test("the token limit ends generation with finish reason length")
    func tokenLimit() async throws {
        let response = try await provider.complete(
            ModelRequest(prompt: "Write a long story about a dragon who learns to count.",
                         parameters: ModelParameters(temperature: 0, maximumTokens: 5)),
            model: "smollm2")
        #expect(response.finishReason == .length)
        #expect(response.usage?.outputTokens == 5)
    }

    @Test("parallel requests are all answered")
    func parallel() async throws {
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for number in 1...4 {
                group.addTask {
                    try await provider.complete(
                        ModelRequest(prompt: "Say the number \(number).",
                                     parameters: ModelParameters(temperature: 0,
                                                                 maximumTokens: 16)),
                        model: "smollm2").text ?? ""
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(texts.count == 4)
        #expect(texts.allSatisfy { !$0.isEmpty })
    }
}
