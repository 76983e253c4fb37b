import EmberOperators
import Testing

@Suite("Choices in responses")
struct ChoiceScannerTests {
    let scanner = ChoiceScanner(labels: ["A", "B", "C", "D"], optionTexts: [
        "A": "Paris", "B": "London", "C": "Rome", "D": "The Eiffel Tower",
    ])

    @Test("the chosen label is read however it is marked", arguments: [
        ("B", "B"), ("b", "B"), ("(B)", "B"), ("**B**", "B"), ("B.", "B"),
        ("Answer: B", "B"), ("**Answer:** C", "C"), ("Final answer: **D**", "D"),
        ("The correct option is B", "B"), ("the answer is (C)", "C"),
        ("\\boxed{C}", "C"), ("So: $\\boxed{\\text{D}}$", "D"),
        ("B. Because London is the capital.", "B"), ("C) Rome", "C"),
        ("I'd go with (C).", "C"), ("Option B is correct.", "B"),
        ("The answer is B because the others are wrong.", "B"),
        ("Answer: a", "A"), ("The answer is option D.", "D"),
        ("A is tempting, but the answer is C", "C"),
        ("Either A or B. On reflection, the answer is B.", "B"),
        ("The answer is a bit unclear, so I choose D.", "D"),
        ("London", "B"), ("The answer is Rome.", "C"), ("the eiffel tower", "D"),
        ("Looking at it, (C) fits and **C** is my pick", "C"),
    ])
    func chosen(response: String, label: String) {
        #expect(scanner.read(response) == .chosen(label), "\(response)")
    }

    @Test("hedging between two labels chooses nothing", arguments: [
        ("Either A or B", ["A", "B"]),
        ("The answer is A or B.", ["A", "B"]),
        ("It is either (C) or (D).", ["C", "D"]),
        ("The answer is A. Hmm, actually either C or D.", ["C", "D"]),
        ("A or C", ["A", "C"]),
    ])
    func hedged(response: String, labels: [String]) {
        #expect(scanner.read(response) == .hedged(labels), "\(response)")
    }

    @Test("labels that are not the record's, and no label, are no answer", arguments: [
        "The answer is E.", "none of these", "I am not sure.", "", "Berlin",
        "The answer is a tricky one.",
    ])
    func none(response: String) {
        #expect(scanner.read(response) == .none, "\(response)")
    }

    @Test("several labels marked in passing, none stated, are unclear")
    func unclear() {
        #expect(scanner.read("Both (A) and (C) look plausible.") == .unclear(["A", "C"]))
    }

    @Test("a response that lists the options chooses none of them", arguments: [
        ("A. 3\nB. 4\nC. 5\nD. 6", ["A", "B", "C", "D"]),
        ("A) Paris\nB) London", ["A", "B"]),
        ("**A.** Earth rotates.\n**B.** The Sun moves.\n**D.** Both.", ["A", "B", "D"]),
        ("(A) Paris\n(C) Rome", ["A", "C"]),
    ])
    func listedOptions(response: String, labels: [String]) {
        #expect(scanner.read(response) == .unclear(labels), "\(response)")
    }

    @Test("a list of the options followed by a statement chooses what is stated", arguments: [
        ("A. Paris\nB. London\nC. Rome\n\nThe answer is C.", "C"),
        ("A. wrong, too small\nB. right\nAnswer: B", "B"),
        ("C\n\nA. is wrong and B. is wrong too, as the question says.", "C"),
        ("B. London, because:\n1. it is the capital", "B"),
    ])
    func listThenStatement(response: String, label: String) {
        #expect(scanner.read(response) == .chosen(label), "\(response)")
    }

    @Test("numeric labels, as some ARC items use", arguments: [
        ("2", "2"), ("The answer is (3).", "3"), ("4. Because…", "4"),
        ("Answer: 1", "1"), ("I choose option 2 over 1.5 of the others", "2"),
    ])
    func numericLabels(response: String, label: String) {
        let numbered = ChoiceScanner(labels: ["1", "2", "3", "4"])
        #expect(numbered.read(response) == .chosen(label), "\(response)")
    }

    @Test("options sharing a text are never chosen by it")
    func repeatedTexts() {
        let twins = ChoiceScanner(labels: ["A", "B"], optionTexts: ["A": "Yes", "B": "yes."])
        #expect(twins.read("Yes") == .none)
        #expect(twins.label(forOptionText: "yes") == nil)
    }
}
