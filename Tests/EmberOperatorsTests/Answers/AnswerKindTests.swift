import EmberOperators
import Testing

@Suite struct AnswerKindTests {
    @Test(arguments: [
        ("(C)", "C"), ("c.", "C"), ("The answer is B because…", "B"),
        ("I pick (D) here", "D"), ("Answer: a", "A"), ("none of these", nil),
        ("A is tempting, but the answer is C", "C"), ("Either A or B", nil),
        ("\\boxed{C}", "C"), ("**B**", "B"), ("2", "2"),
    ] as [(String, String?)])
    func choices(response: String, expected: String?) {
        #expect(AnswerKind.choice.extractAnswer(from: response) == expected)
    }

    @Test(arguments: [
        ("#### 1,000", "1000"), ("The answer is $18.00.", "18"), ("7 then 9", "9"),
        ("no digits", nil), ("\\frac{3}{4}", "0.75"), ("3/4", "0.75"), ("45%", "45"),
        ("−3", "-3"), ("2024-01-05", nil),
    ] as [(String, String?)])
    func numbers(response: String, expected: String?) {
        #expect(AnswerKind.number.extractAnswer(from: response) == expected)
    }

    @Test func kindsAreNamed() {
        #expect(AnswerKind(named: "Number") == .number)
        #expect(AnswerKind(named: "letter") == nil)
        #expect(AnswerKind.allKinds.map(\.description) == ["text", "number", "choice", "code"])
    }

    @Test(arguments: [
        ("The Eiffel Tower.", "eiffel tower"), ("Answer: Paris", "paris"), ("...", nil),
    ] as [(String, String?)])
    func text(response: String, expected: String?) {
        #expect(AnswerKind.text.extractAnswer(from: response) == expected)
    }
}
