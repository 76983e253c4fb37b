import EmberTestSupport
import Foundation
import Testing

@Suite("ember datasets", .timeLimit(.minutes(1)))
struct DatasetsCommandTests {
    /// A fresh, empty cache, so the user's own downloads play no part.
    private func environment(dataDirectory: String? = nil) -> [String: String] {
        var variables = ["EMBER_CACHE_DIR": FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-cli-\(UUID().uuidString)").path]
        variables["EMBER_DATA_DIR"] = dataDirectory
        return variables
    }

    @Test("lists every benchmark with its counts and where it is found")
    func list() async throws {
        let result = try await CommandRunner.ember(
            ["datasets"], environment: environment(dataDirectory: TestEnvironment.sharedDatasets))
        #expect(result.status == 0, "\(result.standardError)")
        for name in ["mmlu", "gsm8k", "truthfulqa", "arc", "halueval", "humaneval", "math500",
                     "aime2024"] {
            #expect(result.standardOutput.contains("\n\(name) "))
        }
        #expect(result.standardOutput.contains("test 12,230 · dev 235 · val 1,335"))
        #expect(result.standardOutput.contains("(EMBER_DATA_DIR)"))

        let bare = try await CommandRunner.ember(["datasets"], environment: environment())
        #expect(bare.standardOutput.contains("bundled with Ember"))
        #expect(bare.standardOutput.contains("not found locally; downloads from"))
    }

    @Test("show prints the default prompt and the first records with their answers")
    func show() async throws {
        let result = try await CommandRunner.ember(
            ["datasets", "show", "gsm8k", "--limit", "2"], environment: environment())
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("#### <number>"))
        #expect(result.standardOutput.contains("── gsm8k/test/2"))
        #expect(!result.standardOutput.contains("── gsm8k/test/3"))
        #expect(result.standardOutput.contains("Gold answer: 18"))
    }

    @Test("an unknown benchmark or subset is a usage error")
    func unknown() async throws {
        let dataset = try await CommandRunner.ember(["datasets", "show", "squad"],
                                                    environment: environment())
        #expect(dataset.status == 64)
        #expect(dataset.standardError.contains("known datasets: mmlu"))
        let subset = try await CommandRunner.ember(
            ["datasets", "show", "mmlu", "--subset", "astrology"],
            environment: environment(dataDirectory: TestEnvironment.sharedDatasets))
        #expect(subset.status == 64)
        #expect(subset.standardError.contains("'astrology'"))
    }
}
