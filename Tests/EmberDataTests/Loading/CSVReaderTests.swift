import EmberData
import EmberModels
import Foundation
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    private func records(_ text: String, header: CSVReader.Header = .absent) throws
        -> [(line: Int, fields: [String])]
    {
        try CSVReader(path: "t.csv", header: header).records(in: Data(text.utf8))
    }

    @Test("quoted commas, doubled quotes and line breaks inside quotes are one field")
    func quoting() throws {
        let parsed = try records("a,\"b, c\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,y\n")
        #expect(parsed.map(\.fields) == [["a", "b, c", "say \"hi\""], ["two\nlines", "x", "y"]])
    }

    @Test("a record's line is the physical line where it starts")
    func lineNumbers() throws {
        let parsed = try records("q1,\"multi\nline\nfield\",A\n\nq2,b,B\r\nq3,c,C")
        #expect(parsed.map(\.line) == [1, 5, 6])
        #expect(parsed.last?.fields == ["q3", "c", "C"])
    }

    @Test("CRLF line ends, a byte-order mark and a header are handled")
    func headerAndBOM() throws {
        let data = Data("\u{FEFF}name,answer\r\nx,\"1,000\"\r\ny,2\r\n".utf8)
        let rows = try CSVReader(path: "t.csv", header: .present).rows(in: data)
        #expect(rows.count == 2)
        #expect(rows[0].string("name") == "x")
        #expect(rows[0].string("answer") == "1,000")
        #expect(rows[1].line == 3)
        #expect(rows[1].index == 1)
    }

    @Test("without a header, fields are named by 1-based column number")
    func noHeader() throws {
        let rows = try CSVReader(path: "t.csv", header: .absent).rows(in: Data("a,b\n".utf8))
        #expect(rows[0].fields == ["1": .string("a"), "2": .string("b")])
        #expect(rows[0].columns == ["a", "b"])
    }

    @Test("empty fields and a trailing comma are kept")
    func emptyFields() throws {
        #expect(try records("a,,c,\n").map(\.fields) == [["a", "", "c", ""]])
    }

    @Test("an unclosed quote is an error naming the line where the field opened")
    func unclosedQuote() throws {
        let error = #expect(throws: DatasetError.self) {
            try records("ok,1\nbad,\"never closed\nmore\n")
        }
        #expect(error?.line == 2)
        #expect(error?.description.hasPrefix("t.csv:2:") == true)
        #expect(error?.description.contains("never closed") == true)
    }

    @Test("a header naming a column twice is an error naming both columns")
    func duplicateHeader() throws {
        let error = #expect(throws: DatasetError.self) {
            try CSVReader(path: "t.csv", header: .present)
                .rows(in: Data("question,answer,answer\nq,1,2\n".utf8))
        }
        #expect(error?.description == "t.csv:1: the header names 'answer' twice, as columns "
            + "2 and 3; give each column its own name.")
    }

    @Test("a value past the header's last column is an error; empty ones are not")
    func extraFields() throws {
        let reader = CSVReader(path: "t.csv", header: .present)
        let error = #expect(throws: DatasetError.self) {
            try reader.rows(in: Data("question,answer\nq,1\nr,2,3\n".utf8))
        }
        #expect(error?.line == 3)
        #expect(error?.description.contains("the row has 3 fields but the header names 2")
            == true)
        let rows = try reader.rows(in: Data("question,answer\nq,1,\nr,2,,\n".utf8))
        #expect(rows.map { $0.string("answer") } == ["1", "2"])
    }

    @Test("text after a closing quote is an error that says how to write a quote")
    func textAfterQuote() throws {
        let error = #expect(throws: DatasetError.self) { try records("\"a\"b,c\n") }
        #expect(error?.line == 1)
        #expect(error?.description.contains("\"\"") == true)
    }
}
