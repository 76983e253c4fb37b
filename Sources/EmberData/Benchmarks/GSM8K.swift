import EmberModels
import EmberOperators
import Foundation

/// GSM8K: 1,319 grade-school maths word problems (Cobbe et al., 2021), each answered by a
/// worked solution whose last line is `#### <number>`.
///
/// The test split ships inside Ember (MIT license, see `Resources/gsm8k/LICENSE`), so it
/// loads with no download; a data directory laid out as `gsm8k/test.jsonl` takes precedence.
public enum GSM8K {
    /// The name the dataset is registered under.
    public static let name = "gsm8k"
    /// The file, relative to a data directory.
    public static let relativePath = "gsm8k/test.jsonl"

    /// The path of the copy bundled with Ember.
    public static var bundledPath: String? {
        Bundle.module.url(forResource: "test", withExtension: "jsonl", subdirectory: "gsm8k")?
            .path
    }

    /// Loads the test split.
    ///
    /// - Parameter dataDirectory: A directory holding `gsm8k/test.jsonl`, or `nil` for the
    ///   bundled copy.
    /// - Throws: ``DatasetError`` naming the directory when it or the file is missing, and the
    ///   file and line for a line without a question, an answer or a `####` line.
    public static func load(dataDirectory: String? = nil) throws(DatasetError)
        -> [DatasetRecord]
    {
        let path: String
        if let dataDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dataDirectory,
                                                 isDirectory: &isDirectory)
            else {
                throw .missingFile(dataDirectory, detail: "the data directory was not found; "
                    + "it should hold \(relativePath)")
            }
            guard isDirectory.boolValue else {
                throw .unreadableFile(dataDirectory, detail: "it is a file; the data directory "
                    + "must be a directory holding \(relativePath)")
            }
            path = (dataDirectory as NSString).appendingPathComponent(relativePath)
        } else {
            guard let bundled = bundledPath else {
                throw .missingFile("gsm8k/test.jsonl", detail: "the bundled copy is missing "
                    + "from this build of Ember")
            }
            path = bundled
        }
        return try records(fromFileAt: path)
    }

    /// Reads GSM8K records from a JSON Lines file in GSM8K's format.
    ///
    /// - Throws: ``DatasetError`` naming the file and line of the first line that is not
    ///   JSON, lacks a question or an answer, or has no `#### <number>` line.
    public static func records(fromFileAt path: String) throws(DatasetError) -> [DatasetRecord] {
        var records: [DatasetRecord] = []
        for row in try DataFile(path: path, format: .jsonLines).rows() {
            records.append(try record(from: row))
        }
        return records
    }

    /// The record of one GSM8K line: the gold answer is the number after `####`; the id
    /// counts the file's records from 1.
    ///
    /// - Throws: ``DatasetError`` for a missing question or answer, or an answer without a
    ///   numeric `####` line.
    static func record(from row: DatasetRow) throws(DatasetError) -> DatasetRecord {
        func problem(_ detail: String, field: String) -> DatasetError {
            DatasetError(code: .invalidField, path: row.file, line: row.line, field: field,
                         detail: detail)
        }
        if case .string(let text)? = row.fields["question"],
           !text.contains(where: { !$0.isWhitespace }) {
            throw problem("the question is empty", field: "question")
        }
        let question = try row.requiredString("question")
        let solution = try row.requiredString("answer")
        guard let gold = goldAnswer(in: solution) else {
            throw problem("the answer has no final '#### <number>' line", field: "answer")
        }
        guard isNumber(gold) else {
            throw problem("the answer after '####' is '\(gold)', not a number", field: "answer")
        }
        return DatasetRecord(
            id: "gsm8k/test/\(row.index + 1)", question: question, answer: gold,
            answerKind: .number, metadata: ["solution": solution, "line": String(row.line)])
    }

    /// Whether a gold answer reads as one number (`18`, `-3`, `1,000`, `$5`, `0.25`).
    static func isNumber(_ text: String) -> Bool {
        var digits = text.replacingOccurrences(of: ",", with: "")
        if digits.hasPrefix("-") { digits.removeFirst() }
        if digits.hasPrefix("$") { digits.removeFirst() }
        return !digits.isEmpty && Double(digits) != nil && digits.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// The text after the last `####` of a worked solution, or `nil` if there is none.
    public static func goldAnswer(in solution: String) -> String? {
        guard let marker = solution.range(of: "####", options: .backwards) else { return nil }
        let gold = solution[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return gold.isEmpty ? nil : gold
    }
}

extension GSM8K {
    /// The prompt Ember puts to a model for a GSM8K record: the problem, with a request to
    /// end on the `#### <number>` line that ``goldAnswer(in:)`` and the numeric evaluator read.
    public static func prompt(for record: DatasetRecord) -> String {
        """
        Solve the following math problem. Think step by step, then give the final answer \
        as a number on the last line, in the form "#### <number>".

        Problem: \(record.question)
        """
    }
}
