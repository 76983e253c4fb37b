import EmberOperators
import Testing

@Suite("Numbers in responses")
struct NumberScannerTests {
    let scanner = NumberScanner()

    @Test("the final answer is read and written canonically", arguments: [
        ("First 12 + 17 = 29, so the total cost of the order is $29.00.", "29"),
        ("5.50", "5.5"),
        ("45%", "45"),
        ("The temperature fell to -3 degrees.", "-3"),
        ("Working: 1,000 - 2,234.5 = -1,234.5\n#### -1,234.5", "-1234.5"),
        ("3/4", "0.75"),
        ("\\frac{3}{4}", "0.75"),
        ("\\dfrac{3}{4}", "0.75"),
        ("\\tfrac{3}{4}", "0.75"),
        ("\\frac34", "0.75"),
        ("−3", "-3"),
        ("-\\frac{1}{2}", "-0.5"),
        ("\\frac{-3}{4}", "-0.75"),
        ("2/6", "1/3"),
        ("It sold 1,000,000 copies.", "1000000"),
        ("Half is .5 of it.", "0.5"),
        ("She paid \\$29.00 in all.", "29"),
        ("It rose by 12\\%.", "12"),
        ("He owes $-5 now, or -$5.", "-5"),
        ("The box: $\\boxed{\\frac{3}{4}}$. Check: 3 of 4 parts.", "0.75"),
        ("So the answer is \\boxed{18}. Earlier I wrote 17.", "18"),
        ("The answer is 7 apples, not 8.", "7"),
        ("Final Answer: The final answer is $\\boxed{42}$. I hope it is correct.", "42"),
        ("It takes 3-4 apples", "4"),
        ("On 2024-01-05 she bought 3 apples.", "3"),
        ("Due 1/5/2024; pay 12 dollars", "12"),
    ])
    func finalAnswer(response: String, expected: String) {
        #expect(scanner.finalAnswer(in: response)?.value == expected)
    }

    @Test("text without a number gives none", arguments: [
        "", "no digits here", "2024-01-05", "1/5/2024", "an mp3 file",
    ])
    func none(response: String) {
        #expect(scanner.finalAnswer(in: response) == nil)
    }

    @Test("signs are read only where a sign can stand", arguments: [
        ("between 3-4 hours", ["3", "4"]),
        ("10 - 4 = 6", ["10", "4", "6"]),
        ("x = −3 or (-2)", ["-3", "-2"]),
        ("COVID-19 needs 2 doses", ["19", "2"]),
        ("From 3/4 to 1/2, 3 / 4", ["0.75", "0.5", "3", "4"]),
        ("1,00 items and 1,5 more", ["1", "0", "1", "5"]),
    ])
    func signs(text: String, values: [String]) {
        #expect(scanner.matches(in: text).map(\.value) == values)
    }

    @Test("numbers keep their written form, offset and value as a double")
    func matchDetails() {
        let matches = scanner.matches(in: "Pay $1,200.50 or 45%, then \\frac{1}{4}.")
        #expect(matches.map(\.written) == ["$1,200.50", "45%", "\\frac{1}{4}"])
        #expect(matches.map(\.numericValue) == [1200.5, 45, 0.25])
        #expect(matches.first?.offset == 4)
    }

    @Test("a number on its own has a canonical value", arguments: [
        ("1,000", "1000"), ("-3", "-3"), ("0.50", "0.5"), ("007", "7"), ("18.", "18"),
        ("$5", "5"), ("-0", "0"), ("\\frac{14}{3}", "14/3"), ("−1/2", "-0.5"),
    ])
    func canonical(text: String, value: String) {
        #expect(scanner.canonicalValue(of: text) == value)
    }

    @Test("text that is not exactly one number has no canonical value",
          arguments: ["", "abc", "1 2", "5 apples", "x 5"])
    func notCanonical(text: String) {
        #expect(scanner.canonicalValue(of: text) == nil)
    }

    @Test("boxes nest and must close", arguments: [
        ("\\boxed{\\frac{1}{2}}", "\\frac{1}{2}"),
        ("$\\boxed{ (3, \\frac{\\pi}{2}) }$ and so on", "(3, \\frac{\\pi}{2})"),
        ("\\boxed{1} then \\boxed{2}", "2"),
        ("\\boxed{2} then \\boxed{3", "2"),
        ("\\boxed 5$", "5"),
        ("\\fbox{x}", "x"),
    ] as [(String, String?)])
    func boxes(text: String, content: String?) {
        #expect(BoxedAnswer.last(in: text)?.content == content)
    }

    @Test("no complete box, no content", arguments: ["\\boxed{3", "boxed{3}", "\\boxedx{3}"])
    func noBox(text: String) {
        #expect(BoxedAnswer.last(in: text) == nil)
    }
}
