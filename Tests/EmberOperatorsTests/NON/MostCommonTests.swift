import EmberModels
import EmberOperators
import Testing

@Suite struct MostCommonTests {
    @Test func plainMajorityWins() {
        let vote = MostCommon(kind: .choice).vote(["A", "A", "A", "B"])
        #expect(vote.winner == "A")
        #expect(vote.votes == 3)
        #expect(vote.share == 0.75)
        #expect(!vote.isTie)
    }

    @Test func choiceLettersAreNormalised() {
        let vote = MostCommon(kind: .choice).vote(["A", "a", "(A)", "Answer: B"])
        #expect(vote.winner == "A")
        #expect(vote.votes == 3)
        #expect(vote.tallies.map(\.answer) == ["A", "B"])
    }

    @Test func textAnswersAreNormalised() {
        let vote = MostCommon(kind: .text).vote(["A", "a", "(A)", "Answer: B"])
        #expect(vote.winner == "a")
        #expect(vote.votes == 3)
        #expect(vote.tallies.first?.firstWritten == "A")
    }

    @Test func numbersVoteByValue() {
        let vote = MostCommon(kind: .number).vote(["18", "18.0", "$18", "17"])
        #expect(vote.winner == "18")
        #expect(vote.votes == 3)
        #expect(vote.tallies.map(\.count) == [3, 1])
    }

    @Test func numbersAreReadFromReasoning() {
        let vote = MostCommon(kind: .number).vote([
            "3 + 4 = 7, so she has 7 apples.\n#### 7", "The answer is 7.", "I think 8",
        ])
        #expect(vote.winner == "7")
        #expect(vote.votes == 2)
    }

    @Test func aTieGoesToTheFirstSeenAndIsVisible() {
        let vote = MostCommon(kind: .choice).vote(["B", "C"])
        #expect(vote.winner == "B")
        #expect(vote.isTie)
        #expect(vote.votes == 1)
        #expect(Vote.tieBreakRule == "first seen wins")
    }

    @Test func emptyAnswersDoNotVote() {
        let vote = MostCommon(kind: .text).vote(["", "   ", nil])
        #expect(vote.winner == nil)
        #expect(vote.votes == 0)
        #expect(vote.ballotCount == 3)
        #expect(vote.share == 0)
    }

    @Test func missingBallotsStillCountInTheShare() {
        let vote = MostCommon(kind: .choice).vote([nil, nil, "C"])
        #expect(vote.winner == "C")
        #expect(vote.share == 1.0 / 3.0)
        #expect(!vote.isTie)
    }

    @Test func marginIsTheLeadOverTheRunnerUp() {
        let vote = MostCommon(kind: .number).vote(["7", "7", "9", "9", "9"])
        #expect(vote.winner == "9")
        #expect(vote.margin == 0.2)
    }

    @Test func truncatedResponsesAreFlagged() async throws {
        let call = ModelCallRecord(model: ModelID(provider: "test", model: "m"),
                                   finishReason: .length)
        let vote = try await MostCommon(kind: .number)([
            Candidate(text: "12"), Candidate(text: "so the total is 1", call: call),
        ])
        #expect(vote.truncatedPositions == [1])
        #expect(vote.isTie)
    }
}
