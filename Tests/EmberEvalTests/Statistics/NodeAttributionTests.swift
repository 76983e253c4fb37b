import EmberData
import EmberModels
import EmberOperators
import EmberTestSupport
import Foundation
import Testing
@testable import EmberEval

/// Per-node attribution of a `5E,1M,1J` system over a scripted model whose every sample and
/// judgement is known, run through the pipeline and the journal.
@Suite("Node attribution", .timeLimit(.minutes(1)))
struct NodeAttributionTests {
    /// Each item: its gold answer, the ensemble's five answers, and the judge's answer.
    static let script: [(gold: String, samples: [String], judge: String)] = [
        ("7", ["7", "7", "9", "9", "9"], "7"),  // a wrong majority (9), fixed by the judge
        ("7", ["7", "7", "7", "7", "7"], "8"),  // a right majority, overturned
        ("5", ["5", "5", "5", "6", "6"], "5"),  // a right majority, kept
        ("3", ["4", "4", "4", "4", "4"], "4"),  // a wrong majority, kept
    ]

    let records = script.indices.map {
        DatasetRecord(id: "q\($0)", question: "Question \($0)?", answer: script[$0].gold,
                      answerKind: .number)
    }

    /// Runs the system over the scripted items, one item at a time so that each item's
    /// five samples are calls 6i … 6i + 4 and its judgement call 6i + 5.
    func run() async throws -> (EvaluationSummary, ScriptedModelProvider) {
        let provider = ScriptedModelProvider { prompt, position in
            guard let item = Self.script.indices.first(where: {
                prompt.contains("Question \($0)?")
            }) else { return "no such question" }
            if prompt.contains("Candidate answers:") {
                return "Weighing them.\nFinal Answer: \(Self.script[item].judge)"
            }
            return "Working… #### \(Self.script[item].samples[position % 6])"
        }
        let system = try SystemBuilder(context: SystemBuildContext(
            service: provider.service(),
            defaultModel: ModelID(provider: "test", model: "m"), answerKind: .number))
            .build("5E(temp=0.7),1M,1J")
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 1)
        let summary = await pipeline.run(records) { record in
            let result = try await system(record.question)
            return SystemAnswer(result, of: system)
        }
        return (summary, provider)
    }

    @Test("each node is scored on its own: samples, the vote, the judge")
    func accuracyPerNode() async throws {
        let (summary, provider) = try await run()
        #expect(provider.calls.count == 24)
        #expect(summary.correctCount == 2)
        let attribution = try #require(NodeAttribution(results: summary.results))
        #expect(attribution.nodes.map(\.id) == ["e1", "m2", "j3"])
        let (ensemble, vote, judge) = (attribution.nodes[0], attribution.nodes[1],
                                       attribution.nodes[2])
        // 2 + 5 + 3 + 0 of 20 samples are right.
        #expect(ensemble.sampleAccuracy == 0.5)
        #expect(ensemble.correctCount == nil)
        #expect(ensemble.memberAccuracies.count == 5)
        #expect(ensemble.memberAccuracies.reduce(0, +) / 5 == 0.5)
        #expect(vote.correctCount == 2)
        #expect(vote.accuracy == 0.5)
        #expect(judge.correctCount == 2)
        #expect(judge.accuracyInterval == .wilson(successes: 2, trials: 4))
        #expect(attribution.nodes.map(\.callCount) == [20, 0, 4])
    }

    @Test("the judge's overturns and fixes are counted against the vote it read")
    func judgeRevisions() async throws {
        let (summary, _) = try await run()
        let attribution = try #require(NodeAttribution(results: summary.results))
        let judge = try #require(attribution.nodes.last)
        #expect(judge.revisions == NodeAttribution.Revisions(
            keptCorrect: 1, overturned: 1, fixed: 1, keptWrong: 1))
        #expect(judge.revisions?.netGain == 0)
        // The vote makes no call of its own, so it revises nothing.
        #expect(attribution.nodes[1].revisions == nil)
        #expect(attribution.nodes[0].revisions == nil)
    }

    @Test("tokens, unknown cost, and the critical path are shared out by node")
    func spendingAndTime() async throws {
        let (summary, _) = try await run()
        let attribution = try #require(NodeAttribution(results: summary.results))
        let (ensemble, vote, judge) = (attribution.nodes[0], attribution.nodes[1],
                                       attribution.nodes[2])
        // Every scripted call reports 10 input and 5 output tokens.
        #expect(ensemble.tokens == 300)
        #expect(judge.tokens == 60)
        #expect(vote.tokens == 0)
        #expect(abs(ensemble.tokenShare - 300.0 / 360) < 1e-12)
        // The test model has no price: its cost is unknown, never $0, and has no share.
        #expect(ensemble.cost == nil)
        #expect(ensemble.costShare == nil)
        #expect(vote.cost == 0)
        // A chain: every node is on every item's critical path, and the shares add up.
        let shares = attribution.nodes.map(\.criticalPathShare)
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        #expect(summary.results.allSatisfy { $0.nodes?.allSatisfy(\.isOnCriticalPath) == true })
        #expect(ensemble.latency?.count == 4)
    }

    @Test("the vote curve comes from the journaled samples, with no model call")
    func voteCurve() async throws {
        let (summary, provider) = try await run()
        let calls = provider.calls.count
        let curves = EnsembleVoteCurve.curves(of: summary.results)
        #expect(provider.calls.count == calls)
        let curve = try #require(curves.first)
        #expect(curves.count == 1)
        #expect(curve.nodeID == "e1")
        #expect(curve.curve.points.map(\.k) == [1, 2, 4, 5])
        let whole = try #require(curve.curve.points.last)
        // maj@5: items 2 and 3 of 4; oracle@5: every item with a right sample, 3 of 4.
        #expect(whole.majorityAccuracy == 0.5)
        #expect(whole.oracleAccuracy == 0.75)
        // Five samples have few enough subsets for every k to be exact: maj@1 is the
        // samples' own accuracy.
        #expect(curve.curve.points[0].majorityAccuracy == 0.5)
        #expect(curve.curve.points[0].oracleAccuracy == 0.5)
        #expect(curve.tokensPerSample == 15)
    }

    @Test("node outputs survive the journal and read back the same")
    func journalRoundTrip() async throws {
        let (summary, _) = try await run()
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-nodes-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try RunJournal(database: SQLiteDatabase(path: path))
        let run = try journal.startRun(
            configuration: EvaluationRunConfiguration(
                dataset: "scripted", system: "5E(temp=0.7),1M,1J", model: "test/m",
                evaluator: "numeric", prompt: "{question}"),
            plannedCount: summary.results.count)
        for (position, result) in summary.results.enumerated() {
            try journal.record(result, position: position, runID: run.id)
        }
        let read = try journal.items(runID: run.id)
        #expect(read == summary.results)
        #expect(read[0].nodes?[0].samples.sorted()
            == Self.script[0].samples.map { "Working… #### \($0)" }.sorted())
        #expect(NodeAttribution(results: read) == NodeAttribution(results: summary.results))
    }
}
