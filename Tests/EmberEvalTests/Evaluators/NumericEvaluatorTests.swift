import Testing
import EmberEval
import EmberOperators

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
    ])
    func wrong(response: String, gold: String, extracted: String) {
        let outcome = evaluator.evaluate(response: response, gold: gold)
        #expect(!outcome.isCorrect)
        #expect(outcome.extractedAnswer == extracted)
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

    @Test("numbers are found with their written form and offset")
    func scanner() {
        let matches = NumberScanner().matches(in: "Pay $1,200.50 or -3, then 4.")
        #expect(matches.map(\.value) == ["1200.5", "-3", "4"])
        #expect(matches.map(\.written) == ["$1,200.50", "-3", "4"])
        #expect(matches.first?.offset == 4)
    }

    @Test("canonical values of gold answers", arguments: [
        ("1,000", "1000"), ("-3", "-3"), ("0.50", "0.5"), ("007", "7"), ("18.", "18"),
        ("$5", "5"), ("-0", "0"),
    ])
    func canonical(text: String, value: String) {
        #expect(NumberScanner().canonicalValue(of: text) == value)
    }

    @Test("text that is not exactly one number has no canonical value",
          arguments: ["", "abc", "1 2", "5 apples"])
    func notCanonical(text: String) {
        #expect(NumberScanner().canonicalValue(of: text) == nil)
    }
}
