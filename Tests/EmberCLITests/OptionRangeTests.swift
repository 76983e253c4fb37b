import EmberTestSupport
import Foundation
import Testing

/// Numeric options that size an allocation or a loop take a bounded range; a value outside
/// it is a usage error saying the range, before anything is loaded or sent.
@Suite("numeric options outside their range", .timeLimit(.minutes(1)))
struct OptionRangeTests {
    static let environment: [String: String] = {
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-ranges-\(UUID().uuidString)").path
        return ["HOME": home, "EMBER_CACHE_DIR": home + "/cache", "EMBER_DB": home + "/e.db"]
    }()

    static let cases: [(arguments: [String], option: String, range: String)] = [
        (["compare", "run-a", "run-b", "--resamples", "99999999999"], "resamples",
         "from 100 to 1000000"),
        (["compare", "run-a", "run-b", "--resamples", "99"], "resamples",
         "from 100 to 1000000"),
        (["compare", "run-a", "run-b", "--resamples", "1000001"], "resamples",
         "from 100 to 1000000"),
        (["ask", "local/smollm2", "hi", "--max-tokens", "9223372036854775807"], "max-tokens",
         "from 1 to 1000000"),
        (["eval", "--dataset", "gsm8k", "--limit", "1", "--max-tokens", "1000001"],
         "max-tokens", "from 1 to 1000000"),
    ]

    @Test("a value out of range is a usage error naming the range", arguments: cases)
    func outOfRange(_ example: (arguments: [String], option: String, range: String))
        async throws
    {
        let result = try await CommandRunner.ember(example.arguments,
                                                   environment: Self.environment)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("Error: The value '\(example.arguments.last!)' "
            + "of '--\(example.option)' is not valid; expected an integer \(example.range)."))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("the bounds themselves are accepted")
    func bounds() async throws {
        for resamples in ["100", "1000000"] {
            let result = try await CommandRunner.ember(
                ["compare", "run-a", "run-b", "--resamples", resamples],
                environment: Self.environment)
            // The range passes; the runs do not exist.
            #expect(!result.standardError.contains("--resamples"), "\(result.standardError)")
            #expect(result.standardError.contains("run-a"), "\(result.standardError)")
        }
    }
}
