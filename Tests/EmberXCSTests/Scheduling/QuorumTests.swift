import EmberXCS
import Testing

@Suite(.timeLimit(.minutes(1))) struct QuorumTests {
    /// Answers at once with a fixed value.
    struct Answering: Operator {
        var answer: String
        func run(_ input: String) async throws -> String { "\(input):\(answer)" }
    }

    /// Never answers: sleeps until cancelled and logs that it was.
    struct Straggling: Operator {
        var name: String
        var log: EventLog
        func run(_ input: String) async throws -> String {
            try await sleepUntilCancelled(name, log: log)
            return "\(input):late"
        }
    }

    @Test func stopsOnceEnoughAgreeAndCancelsTheStragglers() async throws {
        let log = EventLog()
        let quorum = Quorum<String>(.agreeing(2))
        let branches: [Quorum<String>.Branch] = [
            { try await sleepUntilCancelled("slow 0", log: log); return "late" },
            { "yes" },
            { try await sleepUntilCancelled("slow 2", log: log); return "late" },
            { "yes" },
        ]
        let result = try await quorum.run(branches)
        #expect(result.value == "yes")
        #expect(result.quorum.map(\.branch).sorted() == [1, 3])
        #expect(result.cancelled == [0, 2])
        #expect(log.all.sorted() == ["slow 0 cancelled", "slow 2 cancelled"])
    }

    @Test func agreesByAKey() async throws {
        // One branch at a time, so "Rome" is heard before the second Paris ends the run.
        let quorum = Quorum<String>(.agreeing(2) { $0.lowercased() }, maximumConcurrency: 1)
        let result = try await quorum.run([{ "Paris" }, { "Rome" }, { "PARIS" }])
        #expect(result.quorum.map(\.value).sorted() == ["PARIS", "Paris"])
        #expect(result.votes.count == 3)
    }

    @Test func finishesWithTheFirstFinishers() async throws {
        let log = EventLog()
        let quorum = Quorum<Int>(.finished(1), maximumConcurrency: 2)
        let result = try await quorum.run([
            { try await sleepUntilCancelled("slow", log: log); return 0 },
            { 1 },
            { log.append("never started"); return 2 },
        ])
        #expect(result.value == 1)
        #expect(result.cancelled == [0, 2])
        #expect(log.all == ["slow cancelled"])
    }

    @Test func countsFailuresAsMissingVotes() async throws {
        // One branch at a time, so the failure is heard before the two votes that end the
        // run; run together, the votes could arrive first and the failure go unheard.
        let quorum = Quorum<Int>(.finished(2), maximumConcurrency: 1)
        let result = try await quorum.run([
            { throw PlannedFailure(reason: "first") }, { 1 }, { 2 },
        ])
        #expect(result.quorum.map(\.value).sorted() == [1, 2])
        #expect(result.failures.count == 1)
    }

    @Test func failsAsSoonAsTheRuleCanNoLongerHold() async throws {
        let log = EventLog()
        let quorum = Quorum<Int>(.finished(2))
        let error = try await #require(throws: QuorumError.self) {
            try await quorum.run([
                { throw PlannedFailure(reason: "one") },
                { throw PlannedFailure(reason: "two") },
                { try await sleepUntilCancelled("hopeful", log: log); return 3 },
            ])
        }
        #expect(error.branchFailures.count == 2)
        #expect(error.description.hasPrefix("The quorum '2 finished' cannot be reached: of 3 "
            + "branches, 0 succeeded without meeting it and 2 failed"))
        #expect(log.all == ["hopeful cancelled"])
    }

    @Test func runsAsAGraphNodeAndAnnotatesItsTrace() async throws {
        let log = EventLog()
        var graph = Graph()
        graph.addInput("question", type: String.self)
        graph.addNode(id: "vote", QuorumOperator(.agreeing(2), branches: [
            Straggling(name: "straggler", log: log),
            Answering(answer: "42"),
            Answering(answer: "41"),
            Answering(answer: "42"),
        ]))
        graph.connect(.input("question"), to: "vote")
        graph.addOutput(.field(node: "vote", field: "value"), name: "answer")
        let run = try await DataflowScheduler().run(graph.compile(), inputs: ["question": "q"])
        #expect(run.output("answer", as: String?.self) == "q:42")
        #expect(log.all == ["straggler cancelled"])
        let event = try #require(run.trace.event(for: "vote"))
        #expect(event.annotations["quorum.rule"] == "2 agreeing")
        #expect(event.annotations["quorum.cancelled"].flatMap { Int($0) } ?? 0 >= 1)
    }

    @Test func runsAsAClosureNodeOperation() async throws {
        let log = EventLog()
        var graph = Graph()
        graph.addInput("x", type: Int.self)
        graph.addNode(id: "vote", operation: Quorum<Int>(.finished(2)).nodeOperation([
            { inputs in (inputs["x"] as? Int ?? 0) + 1 },
            { _ in try await sleepUntilCancelled("slow", log: log); return 0 },
            { inputs in (inputs["x"] as? Int ?? 0) + 2 },
        ]))
        graph.connect(.input("x"), to: "vote")
        graph.addOutput(.field(node: "vote", field: "quorum"), name: "votes")
        let run = try await WaveScheduler().run(graph, inputs: ["x": 10])
        let votes = try #require(run.output("votes", as: [QuorumVote<Int>].self))
        #expect(votes.map(\.value).sorted() == [11, 12])
        #expect(log.all == ["slow cancelled"])
    }

    @Test func namesTheNodeWhenNoQuorumIsReached() async throws {
        var graph = Graph()
        graph.addInput("question", type: String.self)
        graph.addNode(id: "vote", QuorumOperator(.agreeing(2), branches: [
            Answering(answer: "a"), Answering(answer: "b"),
        ]))
        graph.connect(.input("question"), to: "vote")
        let failure = try await #require(throws: NodeFailure.self) {
            try await SerialScheduler().run(graph.compile(), inputs: ["question": "q"])
        }
        #expect(failure.nodeID == "vote")
        let error = try #require(failure.underlying as? QuorumError)
        #expect(error.nodeID == "vote")
        #expect(error.description.contains("in node 'vote'"))
    }
}
