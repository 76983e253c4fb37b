import EmberOperators
import EmberTestSupport
import Foundation
import Testing
import EmberData

@Suite("GSM8K loader")
struct GSM8KTests {
    @Test("the bundled test split has all 1,319 problems with numeric gold answers")
    func bundled() throws {
        let records = try GSM8K.load()
        #expect(records.count == 1319)
        let first = try #require(records.first)
        #expect(first.id == "gsm8k/test/1")
        #expect(first.question.hasPrefix("Janet’s ducks lay 16 eggs per day."))
        #expect(first.answer == "18")
        #expect(first.answerKind == .number)
        #expect(first.metadata["solution"]?.contains("<<16-3-4=9>>") == true)
        #expect(Set(records.map(\.id)).count == 1319)
    }

    @Test("gold answers keep their thousands separators as written")
    func commas() throws {
        let records = try GSM8K.load()
        #expect(records.contains { $0.answer.contains(",") })
        #expect(records.allSatisfy { !$0.answer.isEmpty && !$0.answer.contains("####") })
    }

    @Test("a data directory laid out like shared/datasets gives the same records")
    func dataDirectory() throws {
        let fromShared = try GSM8K.load(dataDirectory: TestEnvironment.sharedDatasets)
        let bundled = try GSM8K.load()
        #expect(fromShared == bundled)
    }

    @Test("a missing data directory is an error naming it and the expected layout")
    func missingDirectory() {
        let error = #expect(throws: DatasetError.self) {
            try GSM8K.load(dataDirectory: "/nonexistent/ember-data")
        }
        #expect(error?.description.contains("/nonexistent/ember-data") == true)
        #expect(error?.description.contains("gsm8k/test.jsonl") == true)
    }

    @Test("a directory without the file is an error naming the file")
    func missingFile() throws {
        let directory = try temporaryDirectory()
        let error = #expect(throws: DatasetError.self) {
            try GSM8K.load(dataDirectory: directory.path)
        }
        #expect(error?.path == directory.appendingPathComponent("gsm8k/test.jsonl").path)
    }

    @Test("a malformed line is an error naming the file and the line number")
    func malformedLine() throws {
        let path = try writeDataset("""
            {"question": "One?", "answer": "so\\n#### 1"}

            {"question": "Two?", "answer": "#### 2"
            """)
        let error = #expect(throws: DatasetError.self) {
            try GSM8K.records(fromFileAt: path)
        }
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("\(path):3:") == true)
    }

    @Test("a line missing its answer field is reported with the field's name")
    func missingField() throws {
        let path = try writeDataset(#"{"question": "One?"}"#)
        let error = #expect(throws: DatasetError.self) { try GSM8K.records(fromFileAt: path) }
        #expect(error?.line == 1)
        #expect(error?.description.contains("'answer'") == true)
    }

    @Test("an answer without a #### line is reported")
    func missingMarker() throws {
        let path = try writeDataset(#"{"question": "One?", "answer": "It is 1."}"#)
        let error = #expect(throws: DatasetError.self) { try GSM8K.records(fromFileAt: path) }
        #expect(error?.description.contains("####") == true)
    }

    @Test("a byte-order mark, CRLF line ends and blank lines are tolerated")
    func tolerantReading() throws {
        let path = try writeDataset("\u{FEFF}"
            + "{\"question\": \"A?\", \"answer\": \"x\\n#### 1,000\"}" + "\r\n\r\n"
            + "{\"question\": \"B?\", \"answer\": \"#### -3\"}" + "\r\n")
        let records = try GSM8K.records(fromFileAt: path)
        #expect(records.map(\.answer) == ["1,000", "-3"])
        #expect(records.map(\.metadata["line"]) == ["1", "3"])
    }

    @Test("the gold answer is the text after the last ####", arguments: [
        ("step\n#### 18", "18"), ("#### 1,000", "1,000"), ("a #### b\n#### 7 ", "7"),
        ("no marker", nil), ("####   ", nil),
    ] as [(String, String?)])
    func goldAnswer(solution: String, gold: String?) {
        #expect(GSM8K.goldAnswer(in: solution) == gold)
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func writeDataset(_ text: String) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent("test.jsonl")
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
