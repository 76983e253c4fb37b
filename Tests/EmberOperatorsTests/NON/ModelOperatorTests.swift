import EmberModels
import EmberOperators
import EmberTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ModelOperatorTests {
    let model = ModelID(provider: "test", model: "m")

    @Test func uniformEnsembleSamplesConcurrentlyInOrder() async throws {
        let provider = ScriptedModelProvider(latency: .milliseconds(50)) { _, position in
            "sample \(position)"
        }
        let usage = UsageService()
        let ensemble = UniformEnsemble(count: 5, model: model, temperature: 0.7,
                                       maximumTokens: 32, service: provider.service(usage: usage))
        let candidates = try await usage.withScope("run-1") { try await ensemble("Q?") }

        #expect(candidates.count == 5)
        #expect(Set(candidates.map(\.text)).count == 5)
        #expect(provider.peakConcurrency == 5)
        #expect(provider.calls.allSatisfy {
            $0.prompt == "Q?" && $0.parameters.temperature == 0.7
                && $0.parameters.maximumTokens == 32
        })
        #expect(candidates.allSatisfy { $0.call?.usage == TokenUsage(inputTokens: 10,
                                                                     outputTokens: 5) })
        #expect(usage.totals(scope: "run-1").calls == 5)
        // Identical requests but distinct samples: a cache must not collapse them.
        #expect(provider.calls.compactMap(\.sampleIndex).sorted() == [0, 1, 2, 3, 4])
    }

    @Test func variedEnsembleCallsEachConfiguration() async throws {
        let provider = ScriptedModelProvider { _, _ in "ok" }
        let service = provider.service()
        let ensemble = VariedEnsemble([
            ModelCaller(service: service, model: ModelID(provider: "test", model: "a")),
            ModelCaller(service: service, model: ModelID(provider: "test", model: "b"),
                        parameters: ModelParameters(temperature: 1)),
        ])
        let candidates = try await ensemble("Q")
        #expect(candidates.map { $0.call?.model.model } == ["a", "b"])
        #expect(Set(provider.calls.map(\.model)) == ["a", "b"])
    }

    @Test func aFailedSampleCancelsTheOthers() async throws {
        struct Refused: Error {}
        let provider = ScriptedModelProvider(latency: .milliseconds(10)) { _, position in
            if position == 0 { throw Refused() }
            return "late"
        }
        let slow = ScriptedModelProvider(latency: .seconds(30)) { _, _ in "never" }
        var service = provider.service()
        service.register(slow, as: "slow", limits: RateLimits(maximumConcurrency: 100))
        let ensemble = VariedEnsemble([
            ModelCaller(service: service, model: model),
            ModelCaller(service: service, model: ModelID(provider: "slow", model: "m")),
        ])
        await #expect(throws: Refused.self) { try await ensemble("Q") }
        #expect(slow.cancelledCount == 1)
    }

    @Test func judgeSeesEveryCandidateAndGivesAFinalAnswer() async throws {
        let provider = ScriptedModelProvider { _, _ in
            "Candidate 2 made an arithmetic slip.\nFinal Answer: 84"
        }
        let judge = JudgeSynthesis(caller: ModelCaller(service: provider.service(),
                                                       model: model))
        let judgement = try await judge(JudgeInput(query: "What is 12*7?",
                                                   candidates: ["84", "74"]))
        #expect(judgement.finalAnswer.text == "84")
        #expect(judgement.finalAnswer.marking == .marked)
        let prompt = try #require(provider.calls.first?.prompt)
        #expect(prompt.contains("What is 12*7?"))
        #expect(prompt.contains("[1] 84\n\n[2] 74"))
    }

    @Test func verifierReadsVerdictAndRevision() async throws {
        let provider = ScriptedModelProvider { _, _ in
            "Verdict: incorrect\nExplanation: 12*7 is 84.\nRevised Answer: 84"
        }
        let verifier = Verifier(caller: ModelCaller(service: provider.service(), model: model))
        let finding = try await verifier(VerifierInput(query: "What is 12*7?", answer: "74"))
        #expect(finding.verdict == .incorrect)
        #expect(finding.revisedAnswer == "84")
        #expect(provider.calls.first?.prompt.contains("Proposed answer:\n74") == true)
    }

    @Test func selectorPicksACandidateByNumber() async throws {
        let provider = ScriptedModelProvider { _, _ in "The second is right.\nSelected: 2" }
        let selector = SelectorJudge(caller: ModelCaller(service: provider.service(),
                                                         model: model))
        let selection = try await selector(JudgeInput(query: "Q", candidates: ["x", "y", "z"]))
        #expect(selection.index == 1)
        #expect(selection.answer == "y")
    }

    @Test func aSelectionOutOfRangeIsNone() async throws {
        let provider = ScriptedModelProvider { _, _ in "Selected: 7" }
        let selector = SelectorJudge(caller: ModelCaller(service: provider.service(),
                                                         model: model))
        let selection = try await selector(JudgeInput(query: "Q", candidates: ["x", "y"]))
        #expect(selection.index == nil)
        #expect(selection.answer == nil)
    }

    @Test func promptsCanBeReplacedPerOperator() async throws {
        let provider = ScriptedModelProvider { _, _ in "Final Answer: yes" }
        let judge = JudgeSynthesis(
            caller: ModelCaller(service: provider.service(), model: model),
            prompt: try PromptTemplate("Pick from {candidates} for {query}."))
        _ = try await judge(JudgeInput(query: "Q", candidates: ["a"]))
        #expect(provider.calls.first?.prompt == "Pick from [1] a for Q.")
    }
}
