import EmberModels
import EmberOperators
import EmberTestSupport
import EmberXCS
import Testing

/// Compound systems built from the notation, run on a scripted test model.
@Suite(.timeLimit(.minutes(1)))
struct CompoundSystemTests {
    /// Answers like a small model would: samples, judgements and verdicts by prompt.
    static func scriptedModel(latency: Duration = .milliseconds(20)) -> ScriptedModelProvider {
        ScriptedModelProvider(latency: latency) { prompt, position in
            if prompt.contains("Proposed answer:") {
                return prompt.contains("#### 74")
                    ? "Verdict: incorrect\nExplanation: 12*7 is 84.\nRevised Answer: 84"
                    : "Verdict: correct\nExplanation: 12*7 is 84."
            }
            if prompt.contains("Candidate answers:") {
                return "Most candidates say 84.\nFinal Answer: 84"
            }
            return position % 3 == 2 ? "12 times 7... #### 74" : "12*7 = 84\n#### 84"
        }
    }

    func builder(_ provider: ScriptedModelProvider, usage: UsageService = UsageService())
        -> SystemBuilder
    {
        SystemBuilder(context: SystemBuildContext(
            service: provider.service(usage: usage),
            defaultModel: ModelID(provider: "test", model: "default"), answerKind: .number))
    }

    @Test func anEnsembleAndAVoteAnswerWithPerNodeUsage() async throws {
        let provider = Self.scriptedModel()
        let system = try builder(provider).build("5E@test/m(temp=0.9),1M")
        let result = try await system("What is 12*7?")

        #expect(result.answer == "84")
        #expect(result.nodes.map(\.id) == ["e1", "m2"])
        #expect(result.nodes[0].calls.count == 5)
        #expect(result.nodes[0].usage == TokenUsage(inputTokens: 50, outputTokens: 25))
        #expect(result.nodes[1].calls.isEmpty)
        guard case .vote(let vote) = result.nodes[1].detail else {
            Issue.record("m2 is not a vote")
            return
        }
        #expect(vote.ballotCount == 5)
        #expect(vote.votes == 4 || vote.votes == 3)
        #expect(provider.peakConcurrency == 5)
        #expect(provider.calls.allSatisfy { $0.model == "m" && $0.parameters.temperature == 0.9 })
        #expect(result.usage == TokenUsage(inputTokens: 50, outputTokens: 25))
        let event = try #require(result.trace.event(for: "e1"))
        #expect(event.annotations["model.calls"] == "5")
        #expect(event.annotations["tokens.output"] == "25")
        #expect(result.trace.event(for: "m2")?.dependencies == ["e1"])
    }

    @Test func aJudgeReadsTheEnsemble() async throws {
        let provider = Self.scriptedModel()
        let system = try builder(provider).build("5E@test/m(temp=0.9),1J@test/judge")
        let result = try await system("What is 12*7?")
        #expect(result.answer == "84")
        let judgeCall = try #require(provider.calls.first { $0.model == "judge" })
        #expect(judgeCall.prompt.contains("[5]"))
        #expect(judgeCall.prompt.contains("What is 12*7?"))
    }

    @Test func aVerifierRevisesWrongSamplesBeforeTheJudge() async throws {
        let provider = Self.scriptedModel()
        let system = try builder(provider).build("3E@test/m(temp=0.7);1V@test/v;1J@test/j")
        let result = try await system("What is 12*7?")
        #expect(result.answer == "84")
        #expect(result.nodes.map(\.id) == ["e1", "v2", "j3"])
        #expect(result.nodes[1].calls.count == 3)
        #expect(result.nodes[1].candidates.map(\.text).filter { $0 == "84" }.count == 1)
        #expect(result.nodes[1].candidates.count == 3)
    }

    @Test func fanInFlowsFeedEveryBranchToTheJudge() async throws {
        let provider = Self.scriptedModel()
        let system = try builder(provider).build(
            "2E!a@test/m, 3E!b@test/m(temp=1), 1J!j@test/judge, {a, b} -> j")
        let result = try await system("Q")
        #expect(result.answer == "84")
        let judgeCall = try #require(provider.calls.first { $0.model == "judge" })
        #expect(judgeCall.prompt.contains("[5]"))
        // The two ensembles do not depend on each other: all five samples overlap.
        #expect(provider.peakConcurrency == 5)
        #expect(system.plan.waves.first?.sorted() == ["a", "b"])
    }

    @Test func nodesWithoutAModelUseTheDefault() async throws {
        let provider = Self.scriptedModel()
        let system = try builder(provider).build(["3E(temp=0.5)", "1M"])
        _ = try await system("Q")
        #expect(provider.calls.map(\.model) == ["default", "default", "default"])
        #expect(system.calledModels == [ModelID(provider: "test", model: "default")])
    }

    @Test func withoutADefaultANodeMustNameItsModel() {
        let provider = Self.scriptedModel()
        let builder = SystemBuilder(context: SystemBuildContext(service: provider.service()))
        let error = #expect(throws: NotationError.self) { try builder.build("3E, 1M") }
        #expect(error?.description.contains("Node e1 names no model") == true)
    }

    @Test func aJudgeWithACountVotesOverItsJudges() async throws {
        let provider = Self.scriptedModel()
        let system = try builder(provider).build("3E@test/m,3J@test/judge")
        let result = try await system("Q")
        #expect(result.answer == "84")
        #expect(result.nodes[1].calls.count == 3)
    }

    @Test func cancellingTheRunCancelsEveryCallAndRecordsNoUsage() async throws {
        let provider = Self.scriptedModel(latency: .seconds(30))
        let usage = UsageService()
        let system = try builder(provider, usage: usage).build("4E@test/m,1M")
        let run = Task { try await system("Q") }
        try await waitUntil { provider.calls.count == 4 }
        run.cancel()
        await #expect(throws: (any Error).self) { try await run.value }
        #expect(provider.cancelledCount == 4)
        #expect(usage.allRecords.isEmpty)
    }

    @Test func aFailedNodeIsNamed() async throws {
        struct Refused: Error {}
        let provider = ScriptedModelProvider { _, _ in throw Refused() }
        let system = try builder(provider).build("2E!first@test/m, 1M")
        let error = await #expect(throws: NodeFailure.self) { try await system("Q") }
        #expect(error?.nodeID == "first")
    }

    @Test func theGraphPrintsAsMermaid() throws {
        let system = try builder(Self.scriptedModel()).build("3E@test/m,1M")
        let diagram = system.graph.mermaid()
        #expect(diagram.contains("e1"))
        #expect(diagram.contains("m2"))
    }
}
