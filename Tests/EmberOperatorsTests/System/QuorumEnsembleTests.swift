import EmberModels
import EmberOperators
import EmberTestSupport
import EmberXCS
import Testing

/// `E(quorum=K)`: an ensemble that stops once K samples agree, cancelling the stragglers.
@Suite(.timeLimit(.minutes(1)))
struct QuorumEnsembleTests {
    func builder(_ provider: ScriptedModelProvider, usage: UsageService = UsageService())
        -> SystemBuilder
    {
        SystemBuilder(context: SystemBuildContext(
            service: provider.service(usage: usage),
            defaultModel: ModelID(provider: "test", model: "m"), answerKind: .number))
    }

    @Test func threeAgreeingSamplesEndTheEnsembleAndTheStragglersAreCancelled() async throws {
        // The first three calls answer at once; the last two would take half a minute.
        let provider = ScriptedModelProvider(
            latencyOfCall: { _, position in position < 3 ? .milliseconds(5) : .seconds(30) }
        ) { _, position in "12*7 = 84, so #### 84 (sample \(position))" }
        let usage = UsageService()
        let system = try builder(provider, usage: usage).build("5E(temp=0.7,quorum=3),1M")
        let result = try await system("What is 12*7?")

        #expect(result.answer == "84")
        #expect(provider.calls.count == 5)
        #expect(provider.cancelledCount == 2)
        #expect(result.nodes[0].candidates.count == 3)
        #expect(result.nodes[0].calls.count == 3)
        // Only the three finished calls were recorded: none after the cancellation.
        #expect(usage.allRecords.count == 3)
        let event = try #require(result.trace.event(for: "e1"))
        #expect(event.annotations["quorum.cancelled"] == "2")
        #expect(event.annotations["quorum.rule"] == "3 agreeing")
    }

    @Test func withoutAgreementEverySampleIsWaitedFor() async throws {
        let provider = ScriptedModelProvider(latency: .milliseconds(5)) { _, position in
            "#### \(position)"
        }
        let system = try builder(provider).build("5E(quorum=3),1M")
        let result = try await system("Pick a number.")
        #expect(result.nodes[0].candidates.count == 5)
        #expect(provider.cancelledCount == 0)
        // Samples come back in sample order, as without a quorum.
        #expect(result.nodes[0].candidates.compactMap(\.call).count == 5)
    }

    @Test func samplesWithNoAnswerDoNotAgreeWithEachOther() async throws {
        let provider = ScriptedModelProvider(latency: .milliseconds(5)) { _, _ in
            "I am not sure."
        }
        let system = try builder(provider).build("4E(quorum=2),1M")
        let result = try await system("Q")
        #expect(result.nodes[0].candidates.count == 4)
    }

    @Test func aFailedSampleDoesNotVoteAndFailsTheNodeOnlyWithoutAQuorum() async throws {
        struct Refused: Error {}
        let provider = ScriptedModelProvider(latency: .milliseconds(5)) { _, position in
            if position == 0 { throw Refused() }
            return "#### 84"
        }
        let system = try builder(provider).build("4E(quorum=2),1M")
        let result = try await system("Q")
        #expect(result.answer == "84")

        let failing = ScriptedModelProvider { _, position in
            if position < 3 { throw Refused() }
            return "#### 84"
        }
        let lonely = try builder(failing).build("4E(quorum=2),1M")
        let error = await #expect(throws: NodeFailure.self) { try await lonely("Q") }
        #expect(error?.nodeID == "e1")
    }

    @Test func aQuorumLargerThanTheEnsembleIsRefusedWithItsPlace() {
        let provider = ScriptedModelProvider { _, _ in "#### 1" }
        let error = #expect(throws: NotationError.self) {
            try builder(provider).build("5E(quorum=7),1M")
        }
        #expect(error?.description.contains("Node e1 has a quorum of 7 but only 5 samples")
            == true)
        #expect(throws: NotationError.self) { try builder(provider).build("5E(quorum=0),1M") }
    }
}
