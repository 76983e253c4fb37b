import EmberData
import EmberEval
import EmberOperators
import Testing

@Suite("Multiple-choice evaluator")
struct MultipleChoiceEvaluatorTests {
    /// ARC-Challenge Mercury_7175875, as the dataset gives it.
    let lettered = DatasetRecord(
        id: "Mercury_7175875",
        question: "An astronomer observes that a planet rotates faster after a meteorite "
            + "impact. Which is the most likely effect of this increase in rotation?",
        choices: [
            .init(label: "A", text: "Planetary density will decrease."),
            .init(label: "B", text: "Planetary years will become longer."),
            .init(label: "C", text: "Planetary days will become shorter."),
            .init(label: "D", text: "Planetary gravity will become stronger."),
        ],
        answer: "C", answerKind: .choice)

    /// ARC-Challenge NYSEDREGENTS_2008_8_34, whose options are numbered.
    let numbered = DatasetRecord(
        id: "NYSEDREGENTS_2008_8_34",
        question: "Which statement best describes the energy changes that occur while a "
            + "child is riding on a sled down a steep, snow-covered hill?",
        choices: [
            .init(label: "1", text: "Kinetic energy decreases and potential energy increases."),
            .init(label: "2", text: "Kinetic energy increases and potential energy decreases."),
            .init(label: "3", text: "Both potential energy and kinetic energy decrease."),
            .init(label: "4", text: "Both potential energy and kinetic energy increase."),
        ],
        answer: "2", answerKind: .choice)

    let evaluator = MultipleChoiceEvaluator()

    @Test("the chosen letter is read however the model marks it", arguments: [
        "C", "(C)", "**C**", "Answer: C", "The correct option is C", "the answer is (C)",
        "\\boxed{C}", "C. Faster rotation means shorter days.", "c",
        "Planetary days will become shorter.",
        "A is tempting, but the answer is C",
        "Rotation sets the length of a day.\n\nFinal answer: **C**",
    ])
    func correct(response: String) async {
        let outcome = await evaluator.evaluate(response, for: lettered)
        #expect(outcome.isCorrect, "\(response) → \(outcome.explanation)")
        #expect(outcome.extractedAnswer == "C")
        #expect(outcome.explanation == "matches C")
    }

    @Test("a wrong choice names the expected one")
    func wrong() async {
        let outcome = await evaluator.evaluate("The answer is B.", for: lettered)
        #expect(!outcome.isCorrect)
        #expect(outcome.extractedAnswer == "B")
        #expect(outcome.explanation == "expected C")
    }

    @Test("hedging, vague mentions and foreign labels are no answer", arguments: [
        ("Either A or B", "hedged between A and B"),
        ("The answer is C or D.", "hedged between C and D"),
        ("Both (A) and (C) look plausible.", "mentions A and C without choosing one"),
        ("The answer is E.", "no answer found"),
        ("I cannot tell.", "no answer found"),
    ])
    func noAnswer(response: String, explanation: String) async {
        let outcome = await evaluator.evaluate(response, for: lettered)
        #expect(!outcome.isCorrect)
        #expect(outcome.extractedAnswer == nil)
        #expect(outcome.explanation == explanation)
    }

    @Test("numeric labels are the record's labels", arguments: [
        ("2", true), ("The answer is (2).", true), ("Answer: 2", true),
        ("Kinetic energy increases and potential energy decreases.", true),
        ("The answer is B.", false), ("1", false),
    ])
    func numericLabels(response: String, isCorrect: Bool) async {
        let outcome = await evaluator.evaluate(response, for: numbered)
        #expect(outcome.isCorrect == isCorrect, "\(response) → \(outcome.explanation)")
    }

    @Test("a gold answer that is no label is reported")
    func badGold() async {
        var record = lettered
        record.answer = "Z"
        let outcome = await evaluator.evaluate("C", for: record)
        #expect(!outcome.isCorrect)
        #expect(outcome.explanation == "the gold answer 'Z' is not one of the labels A, B, C, D")
    }
}
