import Foundation
import Testing
@testable import EmberEval

@Suite("Accuracy–cost frontier")
struct ParetoFrontierTests {
    func point(_ accuracy: Double, _ cost: String?) -> ParetoFrontier.Point {
        ParetoFrontier.Point(accuracy: accuracy, cost: cost.flatMap { Decimal(string: $0) })
    }

    @Test("fixed points: the undominated ones, from the cheapest to the dearest")
    func fixedPoints() {
        let frontier = ParetoFrontier([
            point(0.60, "0.002"),  // 0: on it, the cheapest
            point(0.55, "0.003"),  // 1: dominated by 0 (dearer, less accurate)
            point(0.80, "0.010"),  // 2: on it
            point(0.70, "0.010"),  // 3: dominated by 2 (same cost, less accurate)
            point(0.90, "0.050"),  // 4: on it, the most accurate
            point(0.80, "0.020"),  // 5: dominated by 2 (same accuracy, dearer)
        ])
        #expect(frontier.indices == [0, 2, 4])
        #expect(frontier.contains(2))
        #expect(!frontier.contains(5))
    }

    @Test("equal points do not dominate each other, so both stay on the frontier")
    func ties() {
        let frontier = ParetoFrontier([point(0.7, "0.01"), point(0.5, "0.02"),
                                       point(0.7, "0.01")])
        #expect(frontier.indices == [0, 2])
        #expect(!point(0.7, "0.01").dominates(point(0.7, "0.01")))
        #expect(point(0.7, "0.01").dominates(point(0.7, "0.02")))
        #expect(point(0.8, "0.01").dominates(point(0.7, "0.01")))
    }

    @Test("a point of unknown cost is neither on the frontier nor pushes another off it")
    func unknownCost() {
        let frontier = ParetoFrontier([point(0.5, "0.01"), point(0.99, nil),
                                       point(0.4, "0.02")])
        #expect(frontier.indices == [0])
        #expect(!point(0.99, nil).dominates(point(0.5, "0.01")))
        #expect(!point(0.5, "0.01").dominates(point(0.1, nil)))
        #expect(ParetoFrontier([point(0.5, nil)]).indices.isEmpty)
        #expect(ParetoFrontier([]).indices.isEmpty)
    }

    @Test("a free run at the same accuracy beats a paid one")
    func zeroCost() {
        let frontier = ParetoFrontier([point(0.5, "0.01"), point(0.5, "0")])
        #expect(frontier.indices == [1])
    }
}

@Suite("Runs over the same items")
struct RunFrontierTests {
    static func run(_ id: String, dataset: String = "gsm8k", system: String,
                    at seconds: Double = 0) -> RunEntry {
        RunEntry(
            id: id, createdAt: Date(timeIntervalSince1970: 1_740_830_400 + seconds),
            updatedAt: Date(timeIntervalSince1970: 1_740_830_400 + seconds),
            configuration: EvaluationRunConfiguration(
                dataset: dataset, system: system, model: system, evaluator: "numeric",
                prompt: "{question}"),
            plannedCount: 4, status: .complete, wallTime: .seconds(2), parentID: nil,
            finishedCount: 4, correctCount: 0, errorCount: 0)
    }

    /// Items `ids`, the first `correct` of them right, each costing `cost` (unknown when
    /// `nil`) and taking `milliseconds`.
    static func items(_ ids: [String], correct: Int, cost: String?,
                      milliseconds: Int = 500) -> [EvaluationItemResult] {
        ids.enumerated().map { index, id in
            ReportFixtures.answered(id, extracted: index < correct ? "4" : "5",
                                    latency: .milliseconds(milliseconds),
                                    cost: cost.flatMap { Decimal(string: $0) })
        }
    }

    static let four = ["a", "b", "c", "d"]

    @Test("the largest group of runs over the same record ids; the frontier marked")
    func largestGroup() throws {
        let frontier = try #require(RunFrontier(runs: [
            (Self.run("r5", system: "small", at: 5), Self.items(Self.four, correct: 2,
                                                                cost: "0.001")),
            (Self.run("r4", system: "big", at: 4), Self.items(Self.four, correct: 4,
                                                              cost: "0.010",
                                                              milliseconds: 900)),
            (Self.run("r3", system: "middling", at: 3), Self.items(Self.four.reversed(),
                                                                   correct: 2, cost: "0.005")),
            (Self.run("r2", system: "local", at: 2), Self.items(Self.four, correct: 3,
                                                                cost: nil)),
            (Self.run("r1", system: "short", at: 1), Self.items(["a", "b"], correct: 2,
                                                                cost: "0.001")),
            (Self.run("r0", dataset: "mmlu", system: "other data"),
             Self.items(Self.four, correct: 4, cost: "0.001")),
        ]))
        #expect(frontier.itemCount == 4)
        #expect(frontier.data == "gsm8k")
        // The order of items does not matter; cheapest first, unknown cost last.
        #expect(frontier.entries.map(\.run.id) == ["r5", "r3", "r4", "r2"])
        #expect(frontier.frontier.map(\.run.id) == ["r5", "r4"])
        #expect(frontier.entries.map(\.isOnFrontier) == [true, false, true, false])
        #expect(frontier.entries[1].costPerItem == Decimal(string: "0.005"))
        #expect(frontier.entries[2].latencyMedian == 0.9)
        #expect(frontier.entries[3].costPerItem == nil)
        // Different data or a different set of items: named, not shown, more items first.
        #expect(frontier.otherGroups == [
            RunFrontier.Group(data: "mmlu", itemCount: 4, runIDs: ["r0"]),
            RunFrontier.Group(data: "gsm8k", itemCount: 2, runIDs: ["r1"]),
        ])
    }

    @Test("equal groups: the one with more items, then the one with the latest run")
    func groupTies() throws {
        let more = try #require(RunFrontier(runs: [
            (Self.run("r2", system: "x"), Self.items(["a"], correct: 1, cost: "0.001")),
            (Self.run("r1", system: "y"), Self.items(Self.four, correct: 1, cost: "0.001")),
        ]))
        #expect(more.entries.map(\.run.id) == ["r1"])
        let latest = try #require(RunFrontier(runs: [
            (Self.run("r2", system: "x"), Self.items(["a"], correct: 1, cost: "0.001")),
            (Self.run("r1", system: "y"), Self.items(["b"], correct: 1, cost: "0.001")),
        ]))
        #expect(latest.entries.map(\.run.id) == ["r2"])
    }

    @Test("no run with a finished item: no frontier")
    func empty() {
        #expect(RunFrontier(runs: []) == nil)
        #expect(RunFrontier(runs: [(Self.run("r1", system: "x"), [])]) == nil)
    }
}
