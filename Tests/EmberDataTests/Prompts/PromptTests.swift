import EmberData
import EmberOperators
import Testing

@Suite("Prompts")
struct PromptTests {
    private static let record = DatasetRecord(
        id: "mmlu/anatomy/test/1", question: "Which bone?",
        choices: [.init(label: "A", text: "Femur"), .init(label: "B", text: "Tibia")],
        answer: "A", answerKind: .choice, subset: "anatomy",
        metadata: ["subject": "anatomy"])

    @Test("a record's placeholder values: question, choices, labels, subset, metadata")
    func values() {
        let values = Self.record.promptValues
        #expect(values["question"] == "Which bone?")
        #expect(values["choices"] == "A. Femur\nB. Tibia")
        #expect(values["choice_labels"] == "A, B")
        #expect(values["subset"] == "anatomy")
        #expect(values["subject"] == "anatomy")
        #expect(values["answer"] == nil)
    }

    @Test("MMLU's default prompt names the subject and asks for 'Answer: X'")
    func mmluPrompt() throws {
        let prompt = try MMLUBenchmark().prompt(for: Self.record)
        #expect(prompt.contains("multiple-choice question about anatomy"))
        #expect(prompt.contains("'Answer: X'"))
        #expect(prompt.hasSuffix("Question: Which bone?\n\nA. Femur\nB. Tibia"))
    }

    @Test("GSM8K's default prompt is the wording GSM8K.prompt(for:) has always used")
    func gsm8kPrompt() throws {
        let record = DatasetRecord(id: "gsm8k/test/1", question: "2+2?", answer: "4",
                                   answerKind: .number)
        #expect(try GSM8KBenchmark().prompt(for: record) == GSM8K.prompt(for: record))
    }

    @Test("every default prompt asks for its evaluator's form and renders for real records",
          arguments: [
              ("mmlu", "Answer: X"), ("arc", "Answer: X"), ("truthfulqa", "Answer: X"),
              ("gsm8k", "#### <number>"), ("aime2024", "#### <number>"),
              ("math500", "\\boxed{}"), ("halueval", "Answer Yes or No"),
              ("humaneval", "```python"),
          ])
    func defaults(name: String, form: String) async throws {
        let definition = try DatasetRegistry.standard.definition(named: name)
        let record = try #require(try await definition.records(
            in: TestData.directory, split: definition.info.defaultSplit,
            request: DatasetRequest(name: name)).prefix(1).collect().records.first)
        let prompt = try definition.prompt(for: record)
        #expect(prompt.contains(form))
        #expect(prompt.contains(record.question.prefix(40)))
    }

    @Test("a user's template renders with the record's values")
    func userTemplate() throws {
        let template = try PromptTemplate("[{subject}] {question} ({choice_labels})")
        #expect(try Self.record.prompt(from: template) == "[anatomy] Which bone? (A, B)")
    }

    @Test("a placeholder the record lacks is an error naming it and the ones it has")
    func missingPlaceholder() throws {
        let template = try PromptTemplate("{question} {difficulty}")
        let error = #expect(throws: DatasetError.self) {
            try Self.record.prompt(from: template)
        }
        #expect(error?.description.contains("{difficulty}") == true)
        #expect(error?.description.contains("mmlu/anatomy/test/1") == true)
        #expect(error?.description.contains("{choices}") == true)
    }
}
