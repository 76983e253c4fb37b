import EmberEval
import Testing

@Suite("Math evaluator")
struct MathEvaluatorTests {
    let evaluator = MathEvaluator()

    /// Gold answers from MATH-500 (test.jsonl) with answers written differently but equal.
    @Test("equal answers written differently match", arguments: [
        ("\\left( 3, \\frac{\\pi}{2} \\right)", "(3,\\frac{\\pi}{2})"),
        ("\\left( 3, \\frac{\\pi}{2} \\right)", "\\left(3, \\dfrac{\\pi}2\\right)"),
        ("p - q", "p-q"),
        ("\\frac{14}{3}", "\\dfrac{14}{3}"),
        ("\\frac{14}{3}", "14/3"),
        ("\\text{Evelyn}", "Evelyn"),
        ("90^\\circ", "90"),
        ("90^\\circ", "90^{\\circ}"),
        ("3\\sqrt{13}", "3 \\sqrt{13}"),
        ("11\\sqrt2", "11\\sqrt{2}"),
        ("6 - 5i", "6-5i"),
        ("x=5", "5"),
        ("1,-2", "-2, 1"),
        ("3, 5, 7", "7,5,3"),
        ("52_8", "52_{8}"),
        ("\\frac{243}{625}", "0.3888"),
        ("1.25", "\\frac54"),
        ("0.15", "\\frac{3}{20}"),
        ("-\\frac{\\pi}{6}", "-\\dfrac{\\pi}{6}"),
        ("(6,31,-1)", "\\left(6, 31, -1\\right)"),
        ("\\frac{3\\sqrt{3}}{4}", "\\dfrac{3\\sqrt{3}}{4}"),
        ("13535", "13{,}535"),
        ("13535", "13,535"),
        ("\\frac{1}{2}", "0.5"),
        ("\\frac{1}{2}", "1/2"),
        ("2000", "\\$2000"),
        ("10", "10\\%"),
        ("5", "5 \\text{ cm}"),
        ("42", "42."),
        ("\\pi", "$\\pi$"),
        ("(-2,1)", "(-2, 1)"),
    ])
    func equivalent(gold: String, answer: String) {
        #expect(evaluator.isEquivalent(answer, gold), "\(answer) vs \(gold)")
    }

    @Test("different answers do not match", arguments: [
        ("\\frac{14}{3}", "\\frac{3}{14}"),
        ("\\left( 3, \\frac{\\pi}{2} \\right)", "(3, \\pi)"),
        ("\\left( 3, \\frac{\\pi}{2} \\right)", "(\\frac{\\pi}{2}, 3)"),
        ("(-2,1)", "[-2,1)"),
        ("p - q", "q - p"),
        ("3\\sqrt{13}", "3\\sqrt{31}"),
        ("1,-2", "1, 2"),
        ("\\frac{1}{3}", "0.33"),
        ("x^5 - x^4 + x^3 - x^2 + x - 1", "x^5 - x^4 + x^3 - x^2 + x + 1"),
        ("52_8", "52"),
        ("2", ""),
    ])
    func different(gold: String, answer: String) {
        #expect(!evaluator.isEquivalent(answer, gold), "\(answer) vs \(gold)")
    }

    @Test("the answer is the last box or what follows the answer phrase", arguments: [
        ("So $r = 3$ and $\\theta = \\frac{\\pi}{2}$, giving "
            + "$\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}$.",
         "\\left( 3, \\frac{\\pi}{2} \\right)"),
        ("First \\boxed{4}, no wait: \\boxed{\\frac{14}{3}}", "\\frac{14}{3}"),
        ("Final Answer: The final answer is $\\frac{14}{3}$. I hope it is correct.",
         "\\frac{14}{3}"),
        ("The answer is p - q.", "p - q"),
        ("The answer is: $\\boxed{9}$", "9"),
        ("\\frac{3}{56}", "\\frac{3}{56}"),
    ])
    func extraction(response: String, answer: String) {
        #expect(evaluator.extractAnswer(from: response) == answer)
    }

    @Test("a long reply with neither a box nor an answer phrase has no answer")
    func noAnswer() {
        let response = "We compute the sum term by term, which takes a while.\n"
            + "Then the pattern becomes clear, and it equals 7."
        let outcome = evaluator.evaluate(response: response, gold: "7")
        #expect(outcome.extractedAnswer == nil)
        #expect(outcome.explanation == "no answer found")
    }

    @Test("outcomes say what was expected")
    func outcomes() {
        let right = evaluator.evaluate(response: "\\boxed{\\dfrac{14}{3}}", gold: "\\frac{14}{3}")
        #expect(right.isCorrect)
        #expect(right.explanation == "matches \\frac{14}{3}")
        let wrong = evaluator.evaluate(response: "\\boxed{5}", gold: "\\frac{14}{3}")
        #expect(!wrong.isCorrect)
        #expect(wrong.extractedAnswer == "5")
        #expect(wrong.explanation == "expected \\frac{14}{3}")
    }
}
