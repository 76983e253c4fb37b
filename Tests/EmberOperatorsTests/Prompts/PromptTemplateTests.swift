import EmberOperators
import Testing

@Suite struct PromptTemplateTests {
    @Test func rendersPlaceholdersAndLiteralBraces() throws {
        let template = try PromptTemplate("Q: {question}\nReply as {{\"answer\": …}} for {name}.")
        #expect(template.placeholders == ["question", "name"])
        let text = try template.render(["question": "2+2?", "name": "me"])
        #expect(text == "Q: 2+2?\nReply as {\"answer\": …} for me.")
    }

    @Test func anUnclosedBraceIsAnErrorWithItsOffset() {
        let error = #expect(throws: PromptError.self) { try PromptTemplate("Hi {name") }
        #expect(error?.description.contains("offset 3") == true)
    }

    @Test func aLoneClosingBraceIsAnError() {
        let error = #expect(throws: PromptError.self) { try PromptTemplate("Hi } there") }
        #expect(error?.description.contains("offset 3") == true)
    }

    @Test func aMissingValueNamesThePlaceholder() throws {
        let template = try PromptTemplate("{a} and {b}")
        let error = #expect(throws: PromptError.self) { try template.render(["a": "1"]) }
        #expect(error?.field == "b")
    }

    @Test func aMalformedNameIsRejected() {
        let error = #expect(throws: PromptError.self) { try PromptTemplate("x {a b} y") }
        #expect(error?.field == "a b")
    }
}
