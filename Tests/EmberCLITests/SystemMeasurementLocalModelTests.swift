import EmberTestSupport
import Foundation
import Testing

/// Measuring a compound system on the real local model: a five-sample ensemble with a vote
/// and a judge over 20 GSM8K items, its per-node figures and vote curve, then a paired
/// comparison with one call of the same model on the same items.
@Suite("Measuring a compound system on the real local model",
       .enabled(if: TestEnvironment.hasLocalModel), .timeLimit(.minutes(6)))
struct SystemMeasurementLocalModelTests {
    @Test("5E,1M,1J on 20 GSM8K items: nodes, the judge's revisions, the vote curve, compare")
    func ensembleVoteAndJudge() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-measure-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = [
            "EMBER_LOCAL_BASE_URL": TestEnvironment.localModelBaseURL ?? "",
            "EMBER_DB": directory.appendingPathComponent("ember.db").path,
        ]
        func evaluate(_ extra: [String]) async throws -> (id: String, report: [String: Any]) {
            let result = try await CommandRunner.ember(
                ["eval", "--dataset", "gsm8k", "--limit", "20", "--max-tokens", "48",
                 "--format", "json"] + extra, environment: environment)
            #expect(result.status == 0, "stderr: \(result.standardError)")
            let report = try #require(try JSONSerialization.jsonObject(
                with: Data(result.standardOutput.utf8)) as? [String: Any])
            let run = try #require(report["run"] as? [String: Any])
            return (try #require(run["id"] as? String), report)
        }

        let system = try await evaluate(["--system", "5E(temp=0.7),1M,1J"])
        let items = try #require(system.report["items"] as? [[String: Any]])
        #expect(items.count == 20)
        let answered = items.filter { $0["error"] is NSNull }
        let nodes = try #require(system.report["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["id"] as? String } == ["e1", "m2", "j3"])
        #expect(nodes[0]["call_count"] as? Int == 5 * answered.count)
        #expect(nodes[1]["call_count"] as? Int == 0)
        #expect((nodes[0]["member_accuracies"] as? [Double])?.count == 5)
        #expect((nodes[0]["token_share"] as? Double ?? 0) > 0)
        let judge = try #require(nodes[2]["revisions"] as? [String: Int])
        #expect(judge.values.reduce(0, +) == answered.count)
        #expect(nodes[1]["revisions"] is NSNull)
        let curves = try #require(system.report["vote_curves"] as? [[String: Any]])
        let points = try #require(curves.first?["points"] as? [[String: Any]])
        #expect(points.map { $0["k"] as? Int } == [1, 2, 4, 5])
        for point in points {
            let majority = try #require(point["majority_accuracy"] as? Double)
            let oracle = try #require(point["oracle_accuracy"] as? Double)
            #expect((0...1).contains(majority) && (0...1).contains(oracle))
        }
        // Each answered item keeps its five samples, scored one by one.
        let itemNodes = try #require(answered.first?["nodes"] as? [[String: Any]])
        #expect((itemNodes.first?["samples"] as? [String])?.count == 5)
        #expect((itemNodes.first?["samples_correct"] as? [Bool])?.count == 5)

        let single = try await evaluate(["--model", "local/smollm2"])
        let compare = try await CommandRunner.ember(
            ["compare", single.id, system.id, "--format", "json"], environment: environment)
        #expect(compare.status == 0, "stderr: \(compare.standardError)")
        let comparison = try #require(try JSONSerialization.jsonObject(
            with: Data(compare.standardOutput.utf8)) as? [String: Any])
        #expect(comparison["shared_items"] as? Int == 20)
        let p = try #require(comparison["mcnemar_exact_p"] as? Double)
        #expect((0...1).contains(p))
    }
}
