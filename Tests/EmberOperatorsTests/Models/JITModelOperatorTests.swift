import EmberModels
import EmberOperators
import EmberTestSupport
import EmberXCS
import Testing

/// The argument of the jitted functions: a question the prompts name by its field.
private struct Question: Codable, Hashable, Sendable {
    var text: String
}

private let model = ModelID(provider: "test", model: "m")

/// A model operator that asks `caller`'s model `<heading>: {text}`.
private func answerer(_ caller: ModelCaller, heading: String = "Answer")
    throws -> ModelOperator<Question, String> {
    ModelOperator(try PromptSpecification<Question, String>("\(heading): {text}"),
                  caller: caller)
}

@Suite(.timeLimit(.minutes(1)))
struct JITModelOperatorTests {
    @Test func eightDraftsRunAtOnceAndTheJudgeAfterThem() async throws {
        let scripted = ScriptedModelProvider { prompt, _ in "reply to \(prompt)" }
        let gated = GatedProvider(scripted)
        let caller = ModelCaller(service: .testing(gated), model: model,
                                 parameters: ModelParameters(temperature: 0))
        let drafters = try (0..<8).map { try answerer(caller, heading: "Draft \($0)") }
        let judge = JudgeSynthesis(caller: caller)
        let function: @Sendable (Question) async throws -> Judgement = { question in
            var drafts: [String] = []
            for drafter in drafters { drafts.append(try await drafter(question)) }
            return try await judge(JudgeInput(query: question.text, candidates: drafts))
        }
        let jitted = jit(name: "answer", function)
        let plain = try await function(Question(text: "Q2"))
        _ = try await jitted(Question(text: "Q1"))
        #expect(gated.peakInFlight == 1)
        let callsBefore = scripted.calls.count

        // Every call now waits until eight are in flight at once: one by one, the first
        // draft would never return.
        gated.requireConcurrency(8)
        let second = try await jitted(Question(text: "Q2"))
        #expect(second == plain)
        #expect(gated.peakInFlight == 8)
        #expect(scripted.calls.count - callsBefore == 9)

        let statistics = jitted.statistics
        #expect(statistics.reuses == 1)
        #expect(statistics.launchedCalls == 8)
        #expect(statistics.claimedCalls == 8)
        #expect(statistics.unclaimedCalls == 0)
    }

    /// What tells two otherwise equal operators apart.
    enum Difference: CaseIterable, Sendable {
        case model, temperature, service
    }

    @Test(arguments: Difference.allCases)
    func operatorsThatDifferAreNotMatched(_ difference: Difference) async throws {
        let echo = EchoProvider(tag: "first")
        let base = ModelCaller(service: .testing(echo), model: model,
                               parameters: ModelParameters(temperature: 0))
        var other = base
        switch difference {
        case .model: other.model = ModelID(provider: "test", model: "other")
        case .temperature: other.parameters.temperature = 0.5
        case .service: other.service = .testing(EchoProvider(tag: "second"))
        }
        let first = try answerer(base)
        let second = try answerer(other)
        #expect(first != second)

        // Recorded with both calls, then run on an argument that skips the first: had the
        // two been equal, the second call would take the first's launched reply.
        let jitted = jit { (question: Question) in
            var replies: [String] = []
            if !question.text.hasPrefix("skip") { replies.append(try await first(question)) }
            replies.append(try await second(question))
            return replies
        }
        _ = try await jitted(Question(text: "Q1"))
        let skipping = Question(text: "skip Q2")
        let result = try await jitted(skipping)
        let plain = try await second(skipping)
        #expect(result == [plain])

        let statistics = jitted.statistics
        #expect(statistics.launchedCalls == 2)
        #expect(statistics.claimedCalls == 1)
        #expect(statistics.unclaimedCalls == 1)
    }

    @Test func twoEqualCallsOnOneInputEachGetTheirOwnSample() async throws {
        let scripted = ScriptedModelProvider { _, position in "sample \(position)" }
        let gated = GatedProvider(scripted)
        let caller = ModelCaller(service: .testing(gated), model: model,
                                 parameters: ModelParameters(temperature: 0.9))
        let sampler = try answerer(caller)
        let twin = try answerer(caller)
        #expect(sampler == twin)
        let jitted = jit { (question: Question) in
            [try await sampler(question), try await twin(question)]
        }
        let recorded = try await jitted(Question(text: "Q1"))
        #expect(recorded == ["sample 0", "sample 1"])

        gated.requireConcurrency(2)
        let samples = try await jitted(Question(text: "Q2"))
        #expect(Set(samples) == ["sample 2", "sample 3"])
        #expect(scripted.calls.count == 4)
        #expect(jitted.statistics.claimedCalls == 2)
        #expect(jitted.statistics.unclaimedCalls == 0)
    }

    @Test func equalOperatorsInSeparateFunctionsEachServeTheirOwn() async throws {
        let echo = EchoProvider(tag: "only")
        let caller = ModelCaller(service: .testing(echo), model: model)
        let left = try answerer(caller)
        let right = try answerer(caller)
        let leftFunction = jit(name: "left") { (question: Question) in try await left(question) }
        let rightFunction = jit(name: "right") { (question: Question) in
            try await right(question)
        }
        _ = try await leftFunction(Question(text: "Q1"))
        _ = try await rightFunction(Question(text: "Q1"))
        let leftReply = try await leftFunction(Question(text: "left Q2"))
        let rightReply = try await rightFunction(Question(text: "right Q2"))

        #expect(leftReply == "only/m t=default: Answer: left Q2")
        #expect(rightReply == "only/m t=default: Answer: right Q2")
        #expect(echo.callCount == 4)
        #expect(leftFunction.statistics.claimedCalls == 1)
        #expect(rightFunction.statistics.claimedCalls == 1)
    }
}

@Suite struct ModelOperatorEqualityTests {
    let service = ModelService.testing(EchoProvider(tag: "equality"))

    @Test func callersAreEqualOnlyWithTheSameServiceModelAndParameters() {
        let caller = ModelCaller(service: service, model: model,
                                 parameters: ModelParameters(temperature: 0.7))
        var copy = caller
        #expect(copy == caller)
        #expect(copy.hashValue == caller.hashValue)

        copy.parameters.stopSequences = ["END"]
        #expect(copy != caller)
        copy = caller
        copy.parameters.seed = 7
        #expect(copy != caller)
        copy = caller
        copy.model = ModelID(provider: "test", model: "n")
        #expect(copy != caller)
    }

    @Test func aServiceKeepsItsIdentityUntilItChanges() {
        var copy = service
        #expect(copy.identity == service.identity)
        copy.retryPolicy = .standard
        #expect(copy.identity != service.identity)

        copy = service
        copy.register(EchoProvider(tag: "more"), as: "more")
        #expect(copy.identity != service.identity)

        let alike = ModelService.testing(EchoProvider(tag: "equality"))
        #expect(alike.identity != service.identity)
    }

    @Test func modelOperatorsCompareTheirPromptsRepairsAndNames() throws {
        let caller = ModelCaller(service: service, model: model)
        let operator_ = try answerer(caller)
        #expect(try answerer(caller) == operator_)
        #expect(try answerer(caller, heading: "Reply") != operator_)

        var changed = operator_
        changed.repairAttempts = 3
        #expect(changed != operator_)
        changed = operator_
        changed.name = "Other"
        #expect(changed != operator_)
        let withSystem = ModelOperator(
            try PromptSpecification<Question, String>("Answer: {text}",
                                                      systemPrompt: "Be brief."),
            caller: caller)
        #expect(withSystem != operator_)
    }

    @Test func ensemblesAndJudgesCompareTheirConfiguration() throws {
        let caller = ModelCaller(service: service, model: model)
        #expect(UniformEnsemble(count: 3, caller: caller)
                    == UniformEnsemble(count: 3, caller: caller))
        #expect(UniformEnsemble(count: 3, caller: caller)
                    != UniformEnsemble(count: 4, caller: caller))
        #expect(UniformEnsemble(count: 3, caller: caller, quorum: 2)
                    != UniformEnsemble(count: 3, caller: caller))
        #expect(JudgeSynthesis(caller: caller) == JudgeSynthesis(caller: caller))
        #expect(JudgeSynthesis(caller: caller)
                    != JudgeSynthesis(caller: caller, prompt: try PromptTemplate("{query}")))
        #expect(Verifier(caller: caller) == Verifier(caller: caller))
        #expect(SelectorJudge(caller: caller) == SelectorJudge(caller: caller))
        #expect(VariedEnsemble([caller]) != VariedEnsemble([caller, caller]))
        #expect(MostCommon(kind: .number) != MostCommon(kind: .text))
    }
}
