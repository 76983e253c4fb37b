import EmberData
import EmberEval
import EmberOperators
import Testing

@Suite("Exact and normalised match")
struct MatchEvaluatorTests {
    @Test("exact match ignores only surrounding whitespace", arguments: [
        ("Paris", "Paris", true), ("  Paris\n", "Paris", true), ("paris", "Paris", false),
        ("Paris.", "Paris", false), ("Answer: Paris", "Paris", false),
    ])
    func exact(response: String, gold: String, isCorrect: Bool) {
        #expect(ExactMatchEvaluator().evaluate(response: response, gold: gold).isCorrect
            == isCorrect)
    }

    @Test("an exact mismatch names the expected answer")
    func exactExplanation() {
        let outcome = ExactMatchEvaluator().evaluate(response: "paris", gold: "Paris")
        #expect(outcome.explanation == "expected 'Paris'")
        #expect(outcome.extractedAnswer == "paris")
    }

    @Test("normalised match ignores case, punctuation, articles and an answer prefix",
          arguments: [
              ("The Eiffel Tower.", "Eiffel Tower"), ("answer:   eiffel  tower", "Eiffel Tower"),
              ("**Paris**", "Paris"), ("I think so. The answer is: Paris!", "paris"),
              ("New-York", "New York"), ("Final answer: 3.5", "3.5"),
          ])
    func normalized(response: String, gold: String) {
        let outcome = NormalizedMatchEvaluator().evaluate(response: response, gold: gold)
        #expect(outcome.isCorrect, "\(response) → \(outcome.extractedAnswer ?? "nil")")
    }

    @Test("normalised match still tells different answers apart", arguments: [
        ("Paris, Texas", "Paris"), ("35", "3.5"), ("The answer is Rome", "Paris"),
    ])
    func normalizedWrong(response: String, gold: String) {
        let outcome = NormalizedMatchEvaluator().evaluate(response: response, gold: gold)
        #expect(!outcome.isCorrect)
        #expect(outcome.explanation.hasPrefix("expected '"))
    }

    @Test("an empty reply says no answer found")
    func noAnswer() async {
        let record = DatasetRecord(id: "1", question: "Capital?", answer: "Paris",
                                   answerKind: .text)
        for evaluator in [ExactMatchEvaluator() as any Evaluator, NormalizedMatchEvaluator()] {
            let outcome = await evaluator.evaluate("  ", for: record)
            #expect(outcome.explanation == "no answer found")
            #expect(outcome.extractedAnswer == nil)
        }
    }
}
