import EmberData
import EmberEval
import EmberOperators
import Testing

@Suite("Numeric evaluator")
struct NumericEvaluatorTests {
    let evaluator = NumericEvaluator()

    @Test("the final number is read and compared by value", arguments: [
        ("She makes 9 * 2 = 18 dollars.\n#### 18", "18"),
        ("#### 1,000", "1000"),
        ("The total is $1,234.", "1,234"),
        ("So the answer is 42.", "42"),
        ("Answer: -7", "-7"),
        ("The temperature drops to −5 degrees.", "-5"),
        ("It costs $18.00 in all.", "18"),
        ("3 + 4 = 7\nThe answer is 7 apples, not 8.", "7"),
        ("He pays 0.50 each, so 2 × 0.50 = 1", "1"),
        ("#### $70,000", "70000"),
        ("12 + 17 = 29, so the total cost of the order is $29.00.", "29"),
        ("5.50", "5.5"),
        ("45%", "45"),
        ("The temperature fell to -3 degrees.", "-3"),
        ("#### -1,234.5", "-1234.5"),
        ("3/4", "0.75"),
        ("\\frac{3}{4}", "0.75"),
        ("−3", "-3"),
        ("It sold 1,000,000 copies.", "1000000"),
        ("Each is \\dfrac{3}{4}", "3/4"),
        ("So the answer is $\\boxed{18}$.", "18"),
    ])
    func correct(response: String, gold: String) {
        let outcome = evaluator.evaluate(response: response, gold: gold)
        #expect(outcome.isCorrect, "\(response) → \(outcome.extractedAnswer ?? "nil")")
    }

    @Test("a wrong number is scored wrong and kept", arguments: [
        ("#### 17", "18", "17"),
        ("I think 5 and then 6", "5", "6"),
        ("between 3-4 hours", "-4", "4"),
        ("1,00 items", "100", "0"),
        ("On 2024-01-05 she paid 12 dollars", "5", "12"),
        ("1/3", "0.333", "1/3"),
    ])
    func wrong(response: String, gold: String, extracted: String) {
        let outcome = evaluator.evaluate(response: response, gold: gold)
        #expect(!outcome.isCorrect)
        #expect(outcome.extractedAnswer == extracted)
    }

    @Test("the gold answer is the solution's final number, not any number in it")
    func goldIsTheAnswer() {
        let gold = "Janet sells 16 - 3 - 4 = 9 duck eggs a day.\n"
            + "She makes 9 * 2 = $18 every day at the farmer's market.\n#### 18"
        #expect(evaluator.evaluate(response: "The answer is 18.", gold: gold).isCorrect)
        let wrong = evaluator.evaluate(response: "The answer is 16.", gold: gold)
        #expect(!wrong.isCorrect)
        #expect(wrong.explanation == "expected 18")
    }

    @Test("a tolerance accepts numbers close enough and says so", arguments: [
        (NumericTolerance(absolute: 0.01), "3.141", "3.14159", true),
        (NumericTolerance(absolute: 0.01), "3.1", "3.14159", false),
        (NumericTolerance(relative: 0.01), "99.5", "100", true),
        (NumericTolerance(relative: 0.01), "98", "100", false),
        (NumericTolerance(absolute: 1e-3), "1/3", "0.3333", true),
        (NumericTolerance.exact, "0.3333", "1/3", false),
    ])
    func tolerance(tolerance: NumericTolerance, response: String, gold: String,
                   isCorrect: Bool) {
        let outcome = NumericEvaluator(tolerance: tolerance).evaluate(response: response,
                                                                      gold: gold)
        #expect(outcome.isCorrect == isCorrect, "\(outcome.explanation)")
    }

    @Test("a tolerance is described in its explanation")
    func toleranceExplanation() {
        let evaluator = NumericEvaluator(tolerance: NumericTolerance(absolute: 0.01))
        let outcome = evaluator.evaluate(response: "3.141", gold: "3.14159")
        #expect(outcome.explanation == "within 0.01 of 3.14159")
        #expect(NumericTolerance(relative: 0.05).description == "within 5%")
        #expect(NumericTolerance.exact.description == "exact")
    }

    @Test("a reply with no number says no answer found")
    func noAnswer() {
        let outcome = evaluator.evaluate(response: "I am not sure how to solve this.",
                                         gold: "12")
        #expect(!outcome.isCorrect)
        #expect(outcome.extractedAnswer == nil)
        #expect(outcome.explanation == "no answer found")
    }

    @Test("a gold answer that is not a number is reported, never matched")
    func badGold() {
        let outcome = evaluator.evaluate(response: "#### 3", gold: "three")
        #expect(!outcome.isCorrect)
        #expect(outcome.explanation.contains("'three'"))
    }

    @Test("the evaluator reads records' gold answers")
    func record() async {
        let record = DatasetRecord(id: "g1", question: "How many?", answer: "42",
                                   answerKind: .number)
        let outcome = await evaluator.evaluate("So it is 42.", for: record)
        #expect(outcome.isCorrect)
        #expect(outcome.explanation == "matches 42")
    }
}
