import EmberOperators
import Testing

@Suite struct FinalAnswerTests {
    @Test(arguments: [
        ("Reasoning here.\nFinal Answer: 42", "42"),
        ("Let me think.\n**Final Answer:** Paris", "Paris"),
        ("so final answer - 17", "17"),
        ("Therefore the final answer is 9.", "9."),
        ("FINAL ANSWER:\n\n  B  ", "B"),
        ("first final answer: 1\nthen reconsidered. Final answer: 2", "2"),
    ])
    func markedAnswers(reply: String, expected: String) {
        let answer = FinalAnswer(parsing: reply)
        #expect(answer.text == expected)
        #expect(answer.marking == .marked)
    }

    @Test func withoutAMarkerTheLastLineIsTaken() {
        let answer = FinalAnswer(parsing: "The candidates disagree.\n\n12 apples\n")
        #expect(answer.text == "12 apples")
        #expect(answer.marking == .lastLine)
    }

    @Test func anEmptyReplyHasNoAnswer() {
        let answer = FinalAnswer(parsing: "  \n ")
        #expect(answer.text == nil)
        #expect(answer.marking == .none)
    }
}

@Suite struct VerificationParsingTests {
    @Test func incorrectNeverReadsAsCorrect() {
        let finding = Verification(parsing: """
            Verdict: incorrect
            Explanation: 3 times 4 is 12, not 14.
            Revised Answer: 12
            """)
        #expect(finding.verdict == .incorrect)
        #expect(finding.explanation == "3 times 4 is 12, not 14.")
        #expect(finding.revisedAnswer == "12")
    }

    @Test(arguments: [
        ("Verdict: correct\nExplanation: fine.", Verification.Verdict.correct),
        ("**Verdict:** Correct", .correct),
        ("Verdict: not correct", .incorrect),
        ("The answer is wrong.", .incorrect),
        ("This is correct.", .correct),
        ("I am unsure.", .unknown),
    ])
    func verdicts(reply: String, expected: Verification.Verdict) {
        #expect(Verification(parsing: reply).verdict == expected)
    }

    @Test func aCorrectVerdictCarriesNoRevision() {
        let finding = Verification(parsing: "Verdict: correct\nRevised Answer: 5")
        #expect(finding.revisedAnswer == nil)
    }
}
