import EmberData
import EmberEval
import Testing

@Suite("Yes/No evaluator")
struct YesNoEvaluatorTests {
    let evaluator = YesNoEvaluator()

    @Test("the explicit verdict is read", arguments: [
        ("Yes", "Yes"), ("no", "No"), ("**No**.", "No"),
        ("Yes, it contains a hallucination.", "Yes"),
        ("#Your Judgement#: No", "No"), ("Answer: yes", "Yes"), ("My verdict is no.", "No"),
        ("\\boxed{Yes}", "Yes"),
        ("The knowledge says Stark won two titles. There is no mention of Leconte. No.", "No"),
        ("The answer names the wrong player, so yes", "Yes"),
        ("Yes. Wait, the dates agree after all. Final answer: No", "No"),
    ])
    func verdict(response: String, expected: String) {
        let outcome = evaluator.evaluate(response: response, gold: expected)
        #expect(outcome.isCorrect, "\(response) → \(outcome.explanation)")
        #expect(outcome.extractedAnswer == expected)
    }

    @Test("both, or neither, is no answer", arguments: [
        ("Yes or no, it is hard to say.", "no answer found: says both yes and no"),
        ("The answer is yes and no.", "no answer found: says both yes and no"),
        ("There is no evidence either way.", "no answer found: states neither yes nor no"),
        ("I cannot judge this.", "no answer found: states neither yes nor no"),
    ])
    func noVerdict(response: String, explanation: String) {
        let outcome = evaluator.evaluate(response: response, gold: "No")
        #expect(!outcome.isCorrect)
        #expect(outcome.extractedAnswer == nil)
        #expect(outcome.explanation == explanation)
    }

    @Test("a wrong verdict names the expected one; a bad gold is reported")
    func wrongAndBadGold() {
        #expect(evaluator.evaluate(response: "Yes", gold: "No").explanation == "expected No")
        let outcome = evaluator.evaluate(response: "Yes", gold: "Maybe")
        #expect(outcome.explanation == "the gold answer 'Maybe' is not Yes or No")
    }
}
