import EmberData
import EmberModels
import Foundation
import Testing

@Suite("Data files: JSON arrays, JSON Lines and gzip")
struct DataFileTests {
    @Test("a JSON array's rows know the line each element starts on")
    func jsonArrayLines() throws {
        let path = try TemporaryFiles.write("""
            [
              {"q": "one", "n": 1, "flag": true},
              {
                "q": "two\\nlines", "n": 2.5, "list": [1, {"x": "]"}]
              }
            ]
            """, named: "items.json")
        let rows = try DataFile(path: path).rows()
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows[0].fields["flag"] == .bool(true))
        #expect(rows[0].fields["n"] == .integer(1))
        #expect(rows[1].fields["n"] == .number(2.5))
        #expect(rows[1].string("q") == "two\nlines")
    }

    @Test("an empty JSON array has no rows")
    func emptyArray() throws {
        let path = try TemporaryFiles.write(" [ ] ", named: "empty.json")
        #expect(try DataFile(path: path).rows().isEmpty)
    }

    @Test("a broken element of a JSON array is reported with its line")
    func brokenElement() throws {
        let path = try TemporaryFiles.write("[\n{\"a\": 1},\n{\"a\": }\n]", named: "bad.json")
        let error = #expect(throws: DatasetError.self) { try DataFile(path: path).rows() }
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("\(path):3:") == true)
    }

    @Test("a .json file of one object per line is read as JSON Lines")
    func jsonLinesWithJSONExtension() throws {
        let path = try TemporaryFiles.write("{\"a\": 1}\n\n{\"a\": 2}\n", named: "qa_data.json")
        let rows = try DataFile(path: path).rows()
        #expect(rows.map(\.line) == [1, 3])
    }

    @Test("a JSON Lines line that is not an object is reported with its line")
    func malformedJSONLine() throws {
        let path = try TemporaryFiles.write("{\"a\": 1}\n[1, 2]\n", named: "x.jsonl")
        let error = #expect(throws: DatasetError.self) { try DataFile(path: path).rows() }
        #expect(error?.line == 2)
    }

    @Test("a .gz file, or a file starting with the gzip magic, decompresses transparently")
    func gzip() throws {
        let text = (1...5000).map { "{\"n\": \($0), \"text\": \"row \($0)\"}" }
            .joined(separator: "\n")
        let compressed = try TemporaryFiles.gzip(Data(text.utf8))
        #expect(Array(compressed.prefix(2)) == GzipInflater.magic)
        let named = try TemporaryFiles.write(compressed, named: "rows.jsonl.gz")
        #expect(try DataFile(path: named).rows().count == 5000)
        let unnamed = try TemporaryFiles.write(compressed, named: "rows.jsonl")
        let rows = try DataFile(path: unnamed).rows()
        #expect(rows.last?.string("text") == "row 5000")
    }

    @Test("gzip fed in small chunks gives the same bytes")
    func gzipStreaming() throws {
        let original = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7 / 3) })
        let compressed = try TemporaryFiles.gzip(original)
        let inflater = try GzipInflater(path: "chunks.gz")
        var output = Data()
        var offset = 0
        while offset < compressed.count {
            let end = min(offset + 777, compressed.count)
            output.append(try inflater.append(compressed[offset..<end]))
            offset = end
        }
        try inflater.finish()
        #expect(output == original)
    }

    @Test("corrupt or truncated gzip is a clear error naming the file")
    func corruptGzip() throws {
        let compressed = try TemporaryFiles.gzip(Data(String(repeating: "abc\n", count: 999).utf8))
        var corrupt = compressed
        corrupt[corrupt.count / 2] ^= 0xFF
        corrupt[corrupt.count / 2 + 1] ^= 0xFF
        let corruptPath = try TemporaryFiles.write(corrupt, named: "corrupt.jsonl.gz")
        let error = #expect(throws: DatasetError.self) { try DataFile(path: corruptPath).rows() }
        #expect(error?.description.contains(corruptPath) == true)
        #expect(error?.description.contains("corrupt") == true
            || error?.description.contains("gzip") == true)

        let truncated = try TemporaryFiles.write(compressed.prefix(compressed.count - 12),
                                                 named: "short.gz")
        let shortError = #expect(throws: DatasetError.self) {
            try DataFile(path: truncated).contents()
        }
        #expect(shortError?.description.contains("truncated") == true)

        let notGzip = try TemporaryFiles.write("plain text", named: "fake.jsonl.gz")
        #expect(throws: DatasetError.self) { try DataFile(path: notGzip).contents() }
    }

    @Test("a missing file is an error naming it")
    func missing() {
        let error = #expect(throws: DatasetError.self) {
            try DataFile(path: "/nonexistent/file.csv").rows()
        }
        #expect(error?.isMissingFile == true)
        #expect(error?.description.contains("/nonexistent/file.csv") == true)
    }
}
