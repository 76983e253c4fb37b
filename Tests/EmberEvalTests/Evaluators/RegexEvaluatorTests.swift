import EmberEval
import Testing

@Suite("Regex evaluator")
struct RegexEvaluatorTests {
    @Test("the captured answer is compared normalised; the last match wins", arguments: [
        (#"Final answer:\s*(.+)"#, "Thinking…\nFinal answer: The Eiffel Tower.", "eiffel tower",
         true),
        (#"ANSWER=(\w+)"#, "ANSWER=blue then ANSWER=red", "Red", true),
        (#"ANSWER=(\w+)"#, "ANSWER=red then ANSWER=blue", "Red", false),
        (#"<answer>(.*?)</answer>"#, "<answer> 42 </answer>", "42", true),
    ])
    func captured(pattern: String, response: String, gold: String, isCorrect: Bool) throws {
        let evaluator = try RegexEvaluator(pattern: pattern)
        #expect(evaluator.evaluate(response: response, gold: gold).isCorrect == isCorrect)
    }

    @Test("case is ignored when asked")
    func ignoringCase() throws {
        let evaluator = try RegexEvaluator(pattern: #"answer: (\w+)"#, ignoresCase: true)
        #expect(evaluator.capture(in: "ANSWER: Paris") == "Paris")
        #expect(try RegexEvaluator(pattern: #"answer: (\w+)"#).capture(in: "ANSWER: x") == nil)
    }

    @Test("a pattern that never matches says so")
    func noMatch() throws {
        let outcome = try RegexEvaluator(pattern: #"Answer: (\d+)"#)
            .evaluate(response: "I don't know", gold: "4")
        #expect(!outcome.isCorrect)
        #expect(outcome.extractedAnswer == nil)
        #expect(outcome.explanation == "no answer found: the pattern did not match")
    }

    @Test("a bad pattern is an error when the evaluator is made", arguments: [
        ("Answer: (\\d+", "is not a valid regular expression"),
        ("Answer: \\d+", "has no capture group"),
    ])
    func badPattern(pattern: String, message: String) {
        #expect {
            _ = try RegexEvaluator(pattern: pattern)
        } throws: { error in
            "\(error)".contains("'\(pattern)'") && "\(error)".contains(message)
        }
    }
}
