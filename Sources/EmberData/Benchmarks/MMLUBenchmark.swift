import Foundation
import EmberOperators

/// MMLU (Hendrycks et al., 2021): multiple-choice questions in 57 subjects, four options
/// each; the shared data holds 47 of them.
///
/// Each subject's split is one CSV file without a header, `mmlu/<split>/<subject>_<split>.csv`,
/// with the columns question, A, B, C, D and the answer letter. The subjects are the files
/// present, so a directory holding a few subjects serves those. Records stream subject by
/// subject, in name order; ids read `mmlu/<subject>/<split>/<row>`, the row counting from 1
/// in the file. A subject is the record's subset, and its name, with spaces, is the
/// `{subject}` of the prompt.
public struct MMLUBenchmark: DatasetDefinition {
    static let commit = "799e65e48c0cc2bdf2780a13bbb4830f46139581"
    static let subjects = PublishedFiles.entries.keys
        .filter { $0.hasPrefix("mmlu/test/") }
        .map { String($0.dropFirst("mmlu/test/".count).dropLast("_test.csv".count)) }
        .sorted()

    /// Creates the definition.
    public init() {}

    public let info = DatasetInfo(
        name: "mmlu", displayName: "MMLU",
        summary: "Multiple-choice questions across 47 subjects (of MMLU's 57), from "
            + "elementary mathematics to professional law; four options each.",
        splits: ["test", "dev", "val"], defaultSplit: "test",
        subsets: MMLUBenchmark.subjects, subsetKind: "subject",
        answerKind: .choice, evaluator: "choice", license: "MIT",
        recordCounts: ["test": 12_230, "dev": 235, "val": 1_335], directory: "mmlu",
        origin: "github.com/RazvanDu/TemporalRNNs at \(MMLUBenchmark.commit.prefix(12)) "
            + "(the hendrycks/test files)",
        defaultPrompt: BenchmarkPrompts.choiceWithSubject)

    public func sources(split: String) -> [DatasetSource] {
        Self.subjects.map { subject in
            let file = "\(split)/\(subject)_\(split).csv"
            return .published("mmlu/\(file)",
                              at: "RazvanDu/TemporalRNNs/\(Self.commit)/MMLU/\(file)")
        }
    }

    public func isPresent(in directory: String, split: String) -> Bool {
        !subjects(in: directory, split: split).isEmpty
    }

    /// The subjects whose `split` file is in `directory`, sorted.
    public func subjects(in directory: String, split: String) -> [String] {
        let suffix = "_\(split).csv"
        return FileSystem.contents(of: FileSystem.join(directory, "mmlu/\(split)"))
            .filter { $0.hasSuffix(suffix) && $0.count > suffix.count }
            .map { String($0.dropLast(suffix.count)) }
    }

    public func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords
    {
        let found = subjects(in: directory, split: split)
        guard !found.isEmpty else {
            throw .missingFile(FileSystem.join(directory, "mmlu/\(split)"), detail: "no "
                + "<subject>_\(split).csv files were found; MMLU's \(split) split is read from "
                + "mmlu/\(split)/<subject>_\(split).csv")
        }
        var chosen = found
        if let subset = request.subset {
            chosen = found.filter { DatasetSubset.matches($0, subset) }
            guard !chosen.isEmpty else {
                throw .unknownSubset(subset, dataset: "mmlu", known: found)
            }
        }
        let parts = chosen.map { subject in
            let path = FileSystem.join(directory, "mmlu/\(split)/\(subject)_\(split).csv")
            return DatasetRecords.Part.rows(
                of: DataFile(path: path, format: .csv(header: .absent)),
                policy: request.missingFieldPolicy
            ) { row in try Self.record(from: row, subject: subject, split: split) }
        }
        return DatasetRecords(parts: parts)
    }

    /// The record of one MMLU row.
    ///
    /// - Throws: ``DatasetError`` for a row without six columns or whose answer is not one of
    ///   A, B, C, D.
    static func record(from row: DatasetRow, subject: String, split: String)
        throws(DatasetError) -> DatasetRecord
    {
        let labels = ["A", "B", "C", "D"]
        let question = try row.required("1")
        var choices: [DatasetRecord.Choice] = []
        for (offset, label) in labels.enumerated() {
            let column = String(offset + 2)
            guard let text = row.string(column) else { throw row.missing(column) }
            choices.append(DatasetRecord.Choice(label: label, text: text))
        }
        let answer = try row.required("6").trimmingCharacters(in: .whitespaces).uppercased()
        guard labels.contains(answer) else {
            throw row.invalid("6", "(the answer) is '\(answer)'; it must be A, B, C or D")
        }
        return DatasetRecord(
            id: "mmlu/\(subject)/\(split)/\(row.index + 1)", question: question,
            choices: choices, answer: answer, answerKind: .choice, subset: subject,
            metadata: ["subject": subject.replacingOccurrences(of: "_", with: " ")])
    }
}
