import EmberData
import EmberOperators
import Foundation
import Testing

@Suite("A user's own data through a field mapping")
struct CustomDatasetTests {
    @Test("JSON Lines with an array of options labelled A, B, …; answers by label or text")
    func jsonLinesChoices() async throws {
        let path = try TemporaryFiles.write("""
            {"q": "Sky?", "options": ["green", "blue"], "gold": "B", "level": 1}
            {"q": "Grass?", "options": ["green", "blue"], "gold": "green"}
            """, named: "colours.jsonl")
        let mapping = FieldMapping(question: "q", choices: .field("options"), answer: "gold",
                                   answerKind: .choice)
        let records = try await CustomDataset.records(fromFileAt: path, mapping: mapping)
            .collect().records
        #expect(records.map(\.answer) == ["B", "A"])
        #expect(records[0].choices == [.init(label: "A", text: "green"),
                                       .init(label: "B", text: "blue")])
        #expect(records[0].metadata["level"] == "1")
        #expect(records[0].id.hasPrefix("colours/"))
        #expect(records[0].id.count == "colours/".count + 12)
    }

    @Test("derived ids depend on the content only, so they survive reordering")
    func stableIDs() async throws {
        let lines = ["{\"q\": \"one\", \"a\": \"1\"}", "{\"q\": \"two\", \"a\": \"2\"}",
                     "{\"q\": \"one\", \"a\": \"1\"}"]
        let mapping = FieldMapping(question: "q", answer: "a", answerKind: .number)
        let forward = try await CustomDataset.records(
            fromFileAt: try TemporaryFiles.write(lines.joined(separator: "\n"), named: "d.jsonl"),
            mapping: mapping).collect().records
        let backward = try await CustomDataset.records(
            fromFileAt: try TemporaryFiles.write(lines.reversed().joined(separator: "\n"),
                                                 named: "d.jsonl"),
            mapping: mapping).collect().records
        #expect(forward[1].id == backward[1].id)
        #expect(forward[0].id == backward[0].id)
        #expect(forward[2].id == forward[0].id + "-2")
    }

    @Test("a JSON array with an object of options by label, an id field and a subset")
    func jsonArray() async throws {
        let path = try TemporaryFiles.write("""
            [{"key": "x1", "text": "Pick", "opts": {"B": "second", "A": "first"},
              "ans": "a", "area": "logic"}]
            """, named: "items.json")
        let mapping = FieldMapping(id: "key", question: "text", choices: .field("opts"),
                                   answer: "ans", answerKind: .choice, subset: "area")
        let record = try #require(try await CustomDataset.records(
            fromFileAt: path, mapping: mapping).collect().records.first)
        #expect(record.id == "x1")
        #expect(record.choices.map(\.label) == ["A", "B"])
        #expect(record.answer == "A")
        #expect(record.subset == "logic")
    }

    @Test("CSV with option columns")
    func csvColumns() async throws {
        let path = try TemporaryFiles.write("""
            question,opt1,opt2,opt3,correct
            "Largest, by far?",ant,"whale",cat,B
            """, named: "quiz.csv")
        let mapping = FieldMapping(question: "question",
                                   choices: .columns(["opt1", "opt2", "opt3"]),
                                   answer: "correct", answerKind: .choice)
        let record = try #require(try await CustomDataset.records(
            fromFileAt: path, mapping: mapping).collect().records.first)
        #expect(record.question == "Largest, by far?")
        #expect(record.choices.map(\.text) == ["ant", "whale", "cat"])
        #expect(record.answer == "B")
    }

    @Test("a misspelt field is a mapping error listing the fields the file has")
    func misspeltField() async throws {
        let path = try TemporaryFiles.write("q,a\nx,1\n", named: "f.csv")
        let error = await #expect(throws: DatasetError.self) {
            _ = try await CustomDataset.records(
                fromFileAt: path, mapping: FieldMapping(question: "question", answer: "a"))
                .collect()
        }
        #expect(error?.description.contains("'question'") == true)
        #expect(error?.description.contains("'q'") == true)
    }

    @Test("rows at fault are skipped and listed with their lines, or stop the load")
    func rowsAtFault() async throws {
        let path = try TemporaryFiles.write("""
            {"q": "ok", "a": "A", "o": ["x", "y"]}
            {"q": "", "a": "A", "o": ["x", "y"]}
            {"q": "bad answer", "a": "C", "o": ["x", "y"]}
            """, named: "f.jsonl")
        let mapping = FieldMapping(question: "q", choices: .field("o"), answer: "a",
                                   answerKind: .choice)
        let result = try await CustomDataset.records(fromFileAt: path, mapping: mapping,
                                                     policy: .skip).collect()
        #expect(result.records.count == 1)
        #expect(result.skipped.map(\.line) == [2, 3])
        #expect(result.skipped[1].reason.contains("neither a label"))
        let error = await #expect(throws: DatasetError.self) {
            _ = try await CustomDataset.records(fromFileAt: path, mapping: mapping).collect()
        }
        #expect(error?.line == 2)
    }
}

@Suite("Option labels")
struct OptionLabelTests {
    @Test("options past Z are labelled as spreadsheet columns")
    func manyOptions() async throws {
        let options = (1...28).map { "\"o\($0)\"" }.joined(separator: ", ")
        let path = try TemporaryFiles.write("{\"q\": \"?\", \"o\": [\(options)], \"a\": \"AB\"}",
                                            named: "wide.jsonl")
        let record = try #require(try await CustomDataset.records(
            fromFileAt: path,
            mapping: FieldMapping(question: "q", choices: .field("o"), answer: "a",
                                  answerKind: .choice)).collect().records.first)
        #expect(record.choices.map(\.label).suffix(3) == ["Z", "AA", "AB"])
        #expect(record.answer == "AB")
    }
}
