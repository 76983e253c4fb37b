import EmberOperators

/// AIME 2024, parts I and II: 30 competition problems whose answers are integers from 0 to
/// 999, read from `aime2024/test.jsonl`.
///
/// The gold answer is the integer as a string (`204`); `solution` and `url` are in the
/// metadata. Ids read `aime2024/<id>`, with the source's numeric id.
public struct AIME2024Benchmark: DatasetDefinition {
    static let commit = "a45202bd16f1ec06f433442dc1152d0074773465"

    /// Creates the definition.
    public init() {}

    public let info = DatasetInfo(
        name: "aime2024", displayName: "AIME 2024",
        summary: "The 30 problems of the 2024 American Invitational Mathematics Examination "
            + "(I and II); integer answers from 0 to 999.",
        splits: ["test"], defaultSplit: "test", answerKind: .number, evaluator: "numeric",
        license: "MAA problems via the AoPS wiki; for evaluation only",
        recordCounts: ["test": 30], directory: "aime2024",
        origin: "github.com/QwenLM/Qwen2.5-Math at \(AIME2024Benchmark.commit.prefix(12))",
        defaultPrompt: BenchmarkPrompts.competitionNumeric)

    public func sources(split: String) -> [DatasetSource] {
        [.published("aime2024/test.jsonl",
                    at: "QwenLM/Qwen2.5-Math/\(Self.commit)/evaluation/data/aime24/test.jsonl")]
    }

    public func isPresent(in directory: String, split: String) -> Bool {
        hasAllSources(in: directory, split: split)
    }

    public func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords
    {
        let path = FileSystem.join(directory, "aime2024/test.jsonl")
        let records = DatasetRecords(parts: [
            .rows(of: DataFile(path: path, format: .jsonLines),
                  policy: request.missingFieldPolicy) { row in try Self.record(from: row) },
        ])
        return try narrowed(records, to: request.subset)
    }

    /// The record of one AIME line.
    ///
    /// - Throws: ``DatasetError`` for a missing field or an answer that is not an integer.
    static func record(from row: DatasetRow) throws(DatasetError) -> DatasetRecord {
        let answer = try row.required("answer")
        guard Int(answer) != nil else {
            throw row.invalid("answer", "is '\(answer)'; an AIME answer is an integer")
        }
        let question = row.fields["problem"] == nil
            ? try row.required("question") : try row.required("problem")
        return DatasetRecord(
            id: "aime2024/\(try row.required("id"))", question: question, answer: answer,
            answerKind: .number,
            metadata: ["solution": row.string("solution") ?? "", "url": row.string("url") ?? ""])
    }
}
