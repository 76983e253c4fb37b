import EmberModels
import EmberOperators
import Synchronization
import Testing

private struct Verdict: Codable, Equatable, Sendable {
    var isCorrect: Bool
}

private struct Claim: Codable, Sendable {
    var claim: String
}

/// A provider that first replies with text that is no JSON and a provider turn of its
/// own, then with a readable reply, and keeps every request.
private final class TurnKeepingProvider: ModelProvider {
    static let turn = ProviderTurn(format: .gemini, content: .array([
        .object(["text": .string("No JSON here."), "thoughtSignature": .string("c2lnbmF0dXJl")]),
    ]))

    private let requests = Mutex<[ModelRequest]>([])

    var received: [ModelRequest] { requests.withLock { $0 } }

    func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        let position = requests.withLock { requests in
            requests.append(request)
            return requests.count - 1
        }
        guard position > 0 else {
            return ModelResponse(text: "No JSON here.", finishReason: .stop, usage: nil,
                                 providerTurn: Self.turn)
        }
        return ModelResponse(text: #"{"isCorrect": true}"#, finishReason: .stop, usage: nil)
    }
}

@Suite(.timeLimit(.minutes(1)))
struct ModelOperatorRepairTurnTests {
    @Test func theRepairTurnSendsTheProviderTurnBack() async throws {
        let provider = TurnKeepingProvider()
        var service = ModelService(retryPolicy: .never)
        service.register(provider, as: "test")
        let checker = ModelOperator(
            try PromptSpecification<Claim, Verdict>("Is this true? {claim}"),
            caller: ModelCaller(service: service, model: ModelID(provider: "test", model: "m")))

        let verdict = try await checker(Claim(claim: "2+2=4"))
        #expect(verdict == Verdict(isCorrect: true))

        let requests = provider.received
        try #require(requests.count == 2)
        let repair = requests[1].messages
        #expect(repair.map(\.role) == [.user, .assistant, .user])
        #expect(repair[1].content == "No JSON here.")
        #expect(repair[1].providerTurn == TurnKeepingProvider.turn)
        #expect(requests[0].messages.allSatisfy { $0.providerTurn == nil })
    }
}
