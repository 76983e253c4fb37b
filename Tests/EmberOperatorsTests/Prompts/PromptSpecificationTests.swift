import EmberModels
import EmberOperators
import Foundation
import Testing

private struct Question: Codable, Sendable {
    var question: String
    var context: String?
}

private struct Article: Codable, Sendable {
    struct Source: Codable, Sendable {
        var title: String
        var year: Int
    }

    var source: Source
    var tags: [String]
    var score: Double
    var isDraft: Bool
    var note: String?
}

private struct Answer: Decodable, Sendable {
    var answer: String
    var confidence: Double
}

private struct Labels: Decodable, Sendable {
    var counts: [String: Int]
}

private struct Wrapper<Value: Decodable & Sendable>: Decodable, Sendable {
    var value: Value
}

private let article = Article(source: .init(title: "On Ensembles", year: 2024),
                              tags: ["ai", "systems"], score: 0.75, isDraft: false,
                              note: nil)

@Suite struct PromptSpecificationTests {
    @Test func aPlaceholderNamingNoFieldIsAnErrorBeforeAnyCall() {
        let error = #expect(throws: PromptError.self) {
            try PromptSpecification<Question, String>("Q: {questoin}")
        }
        #expect(error?.field == "questoin")
        #expect(error?.template == "Q: {questoin}")
        #expect(error?.description.contains("question, context") == true)
    }

    @Test func aNestedPlaceholderIsCheckedBelowTheFirstField() {
        let error = #expect(throws: PromptError.self) {
            try PromptSpecification<Article, String>(
                "{source.titel} {tags} {score} {isDraft}")
        }
        #expect(error?.field == "source.titel")
        #expect(error?.description.contains("source.title, source.year") == true)
    }

    @Test func aPathBelowAPlainValueIsAnError() {
        let error = #expect(throws: PromptError.self) {
            try PromptSpecification<Article, String>(
                "{source} {tags.name} {score} {isDraft}")
        }
        #expect(error?.field == "tags.name")
        #expect(error?.description.contains("tags.0") == true)
    }

    @Test func aRequiredFieldTheTemplateLeavesOutIsAnError() {
        let error = #expect(throws: PromptError.self) {
            try PromptSpecification<Question, String>("Context: {context}")
        }
        #expect(error?.field == "question")
        #expect(error?.description.contains("switch the check off") == true)
    }

    @Test func theRequiredFieldCheckCanBeSwitchedOff() throws {
        let specification = try PromptSpecification<Question, String>(
            "Context: {context}", checksRequiredFields: false)
        #expect(specification.checksRequiredFields == false)
        #expect(try specification.render(Question(question: "Q", context: "C")) == "Context: C")
    }

    @Test func anOptionalFieldMayBeLeftOut() throws {
        let specification = try PromptSpecification<Question, String>("Q: {question}")
        #expect(specification.inputFields.map(\.name) == ["question", "context"])
        #expect(specification.inputFields.map(\.isRequired) == [true, false])
    }

    @Test func aNestedPathCountsAsUsingItsField() throws {
        _ = try PromptSpecification<Article, String>(
            "{source.year} {tags.0} {score} {isDraft}")
    }

    @Test func rendersNestedValuesNumbersAndBooleans() throws {
        let specification = try PromptSpecification<Article, String>("""
            {source.title} ({source.year}), tags {tags.1} of {tags}; \
            score {score}, draft {isDraft}, note "{note}", source {source}
            """)
        #expect(try specification.render(article) == """
            On Ensembles (2024), tags systems of ["ai","systems"]; \
            score 0.75, draft false, note "", source {"title":"On Ensembles","year":2024}
            """)
    }

    @Test func literalBracesSurviveRendering() throws {
        let specification = try PromptSpecification<Question, String>(
            "Reply as {{\"answer\": …}} to {question}{{}}")
        #expect(try specification.render(Question(question: "2+2?"))
            == "Reply as {\"answer\": …} to 2+2?{}")
    }

    @Test func theSystemPromptComesFirst() throws {
        let specification = try PromptSpecification<Question, String>(
            "{question}", systemPrompt: "Be brief.")
        let messages = try specification.messages(for: Question(question: "Why?"))
        #expect(messages == [.system("Be brief."), .user("Why?")])
    }

    @Test func aTextOutputAsksForNoFormat() throws {
        let specification = try PromptSpecification<Question, String>("{question}")
        #expect(specification.isStructured == false)
        #expect(specification.responseFormat == nil)
        #expect(try specification.render(Question(question: "Q")) == "Q")
        #expect(try specification.decode("  any text {\"a\": 1}") == "  any text {\"a\": 1}")
    }

    @Test func aStructuredOutputAppendsItsShapeAndAsksForItsSchema() throws {
        let specification = try PromptSpecification<Question, Answer>("{question}")
        let schema = try JSONSchema.derived(from: Answer.self)
        #expect(specification.outputSchema == schema)
        #expect(try specification.render(Question(question: "Q"))
            == "Q\n\n" + schema.promptDescription)

        let format = try #require(specification.responseFormat)
        #expect(format.schemaName == "Answer")
        #expect(format.isStrict)
        #expect(format.schema == schema.strictJSONValue)
    }

    @Test func aSchemaWithFreeMemberNamesIsNotSentAsStrict() throws {
        let specification = try PromptSpecification<Question, Labels>("{question}")
        let format = try #require(specification.responseFormat)
        #expect(format.isStrict == false)
        #expect(format.schema == specification.outputSchema?.jsonValue)
    }

    @Test func theSchemaNameIsSanitisedFromTheTypeName() throws {
        let specification = try PromptSpecification<Question, Wrapper<[Int]>>("{question}")
        #expect(specification.responseFormat?.schemaName == "Wrapper_Array_Int")
    }

    @Test func decodesAFencedReply() throws {
        let specification = try PromptSpecification<Question, Answer>("{question}")
        let answer = try specification.decode("""
            Here you are:
            ```json
            {"answer": "4", "confidence": 0.9}
            ```
            """)
        #expect(answer.answer == "4")
        #expect(answer.confidence == 0.9)
    }

    @Test func anInputWithoutFieldsIsAnError() {
        let error = #expect(throws: PromptError.self) {
            try PromptSpecification<String, String>("{text}")
        }
        #expect(error?.description.contains("no named fields") == true)
    }
}
