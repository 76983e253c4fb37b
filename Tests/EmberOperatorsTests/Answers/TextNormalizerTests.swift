import EmberOperators
import Testing

@Suite("Normalising text answers")
struct TextNormalizerTests {
    @Test("case, punctuation, articles and spacing are ignored", arguments: [
        ("The Eiffel Tower.", "eiffel tower"), ("  New   York  ", "new york"),
        ("**Paris**", "paris"), ("U.S.A.", "usa"), ("well-known", "well known"),
        ("3.5 kg", "3.5 kg"), ("1,000", "1,000"), ("A", "a"), ("an apple", "apple"),
        ("`code`", "code"), ("Don't!", "dont"), ("...", ""),
    ])
    func normalize(text: String, expected: String) {
        #expect(TextNormalizer().normalize(text) == expected)
    }

    @Test("the answer part follows the last answer phrase", arguments: [
        ("Answer: Paris", " Paris"), ("I think so. The answer is: Rome", " Rome"),
        ("No phrase here", "No phrase here"),
    ])
    func answerPart(response: String, part: String) {
        #expect(TextNormalizer().answerPart(of: response) == part)
    }
}
