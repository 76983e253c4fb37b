import EmberModels
import EmberOperators
import EmberTestSupport
import EmberXCS
import Testing

private struct Submission: Codable, Sendable {
    var question: String
    var answer: String
}

private struct Grade: Decodable, Equatable, Sendable {
    var isCorrect: Bool
    var reason: String
}

private let validReply = #"{"isCorrect": true, "reason": "2+2 is 4."}"#

@Suite(.timeLimit(.minutes(1)))
struct ModelOperatorRunTests {
    let model = ModelID(provider: "test", model: "m")
    fileprivate let submission = Submission(question: "2+2?", answer: "4")

    fileprivate func grader(_ provider: ScriptedModelProvider,
                            usage: UsageService = UsageService(),
                            repairAttempts: Int = 1) throws -> ModelOperator<Submission, Grade> {
        let specification = try PromptSpecification<Submission, Grade>(
            "Grade the answer.\nQuestion: {question}\nAnswer: {answer}",
            systemPrompt: "You grade answers.")
        let caller = ModelCaller(service: provider.service(usage: usage), model: model,
                                 parameters: ModelParameters(temperature: 0))
        return ModelOperator(specification, caller: caller, repairAttempts: repairAttempts,
                             name: "Grader")
    }

    @Test func sendsTheRenderedPromptWithTheResponseFormat() async throws {
        let provider = ScriptedModelProvider { _, _ in validReply }
        let grader = try grader(provider)
        let grade = try await grader(submission)

        #expect(grade == Grade(isCorrect: true, reason: "2+2 is 4."))
        let call = try #require(provider.calls.first)
        #expect(call.messages.map(\.role) == [.system, .user])
        #expect(call.prompt.hasPrefix("Grade the answer.\nQuestion: 2+2?\nAnswer: 4\n\n"))
        #expect(call.prompt.contains("\"isCorrect\": boolean"))
        #expect(call.responseFormat == grader.specification.responseFormat)
        #expect(call.responseFormat?.schemaName == "Grade")
        #expect(call.parameters.temperature == 0)
        #expect(grader.descriptor.name == "Grader")
        #expect(grader.descriptor.output == "Grade")
    }

    @Test func decodesAFencedReply() async throws {
        let provider = ScriptedModelProvider { _, _ in
            "Sure.\n```json\n" + validReply + "\n```\nAnything else?"
        }
        let grade = try await grader(provider)(submission)
        #expect(grade.isCorrect)
        #expect(provider.calls.count == 1)
    }

    @Test func aTextOutputIsTheReplyAndSendsNoFormat() async throws {
        let provider = ScriptedModelProvider { _, _ in "  Four.  " }
        let specification = try PromptSpecification<Submission, String>(
            "{question} {answer}")
        let echo = ModelOperator(specification,
                                 caller: ModelCaller(service: provider.service(), model: model))
        #expect(try await echo(submission) == "  Four.  ")
        #expect(provider.calls.first?.responseFormat == nil)
        #expect(provider.calls.first?.prompt == "2+2? 4")
    }

    @Test func anUnreadableReplyIsRepairedWithTheConversationSoFar() async throws {
        let provider = ScriptedModelProvider { _, position in
            position == 0 ? "I cannot comply." : validReply
        }
        let grader = try grader(provider)
        let (grade, calls) = try await grader.runRecordingCalls(submission)

        #expect(grade.reason == "2+2 is 4.")
        #expect(calls.count == 2)
        #expect(provider.calls.count == 2)
        let repair = try #require(provider.calls.last)
        let first = try #require(provider.calls.first)
        #expect(repair.messages.count == 4)
        #expect(Array(repair.messages.prefix(2)) == first.messages)
        #expect(repair.messages[2] == ChatMessage(role: .assistant,
                                                   content: "I cannot comply."))
        #expect(repair.messages[3].role == .user)
        #expect(repair.prompt.contains("could not be used because it contains no JSON value"))
        #expect(repair.prompt.contains("\"reason\": string"))
        #expect(repair.responseFormat == first.responseFormat)
    }

    @Test func withRepairSwitchedOffTheErrorCarriesTheReplyAfterOneCall() async throws {
        let provider = ScriptedModelProvider { _, _ in "I cannot comply." }
        let grader = try grader(provider, repairAttempts: 0)
        let error = await #expect(throws: ModelOperatorError.self) {
            try await grader(submission)
        }

        #expect(provider.calls.count == 1)
        #expect(error?.rawText == "I cannot comply.")
        #expect(error?.attempts == 1)
        #expect(error?.calls.count == 1)
        #expect(error?.outputError?.kind == .noJSONFound)
        #expect(error?.description.contains("in 1 attempt") == true)
        #expect(error?.description.contains("I cannot comply") == false)
    }

    @Test(arguments: [1, 3])
    func exhaustedRepairsThrowAfterEveryAttempt(repairAttempts: Int) async throws {
        let provider = ScriptedModelProvider { _, position in
            #"{"isCorrect": "yes", "reason": "attempt \#(position)"}"#
        }
        let grader = try grader(provider, repairAttempts: repairAttempts)
        let error = await #expect(throws: ModelOperatorError.self) {
            try await grader(submission)
        }

        #expect(provider.calls.count == 1 + repairAttempts)
        #expect(error?.attempts == 1 + repairAttempts)
        #expect(error?.rawText.contains("attempt \(repairAttempts)") == true)
        #expect(error?.outputError?.fieldPath == "isCorrect")
        #expect(provider.calls.last?.messages.count == 2 + 2 * repairAttempts)
    }

    @Test func usageIsRecordedUnderTheCallersScope() async throws {
        let provider = ScriptedModelProvider { _, position in
            position == 0 ? "I cannot comply." : validReply
        }
        let usage = UsageService()
        let grader = try grader(provider, usage: usage)
        let (_, calls) = try await usage.withScope("grading") {
            try await grader.runRecordingCalls(submission)
        }

        #expect(usage.totals(scope: "grading").calls == 2)
        #expect(usage.totals(scope: "grading").usage
            == TokenUsage(inputTokens: 20, outputTokens: 10))
        #expect(calls.totalUsage == TokenUsage(inputTokens: 20, outputTokens: 10))
        #expect(calls.allSatisfy { $0.model == model })
    }
}
