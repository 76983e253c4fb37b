import EmberOperators

/// HumanEval (Chen et al., 2021): 164 Python functions to complete from their signature
/// and docstring, judged by running their tests.
///
/// Read from `humaneval/HumanEval.jsonl.gz` through zlib when it is there, else from the
/// decompressed `humaneval/HumanEval.jsonl`. The question is the `prompt`; the gold answer
/// is the `test` code (defining `check`); the metadata keeps `prompt`, `entry_point` and
/// `canonical_solution`. The id is the `task_id` (`HumanEval/0`).
public struct HumanEvalBenchmark: DatasetDefinition {
    static let commit = "6d43fb980f9fee3c892a914eda09951f772ad10d"
    static let compressed = "humaneval/HumanEval.jsonl.gz"
    static let decompressed = "humaneval/HumanEval.jsonl"

    /// Creates the definition.
    public init() {}

    public let info = DatasetInfo(
        name: "humaneval", displayName: "HumanEval",
        summary: "Python functions to complete from a signature and docstring, scored by "
            + "running unit tests (pass@1).",
        splits: ["test"], defaultSplit: "test", answerKind: .code, evaluator: "code",
        license: "MIT", recordCounts: ["test": 164], directory: "humaneval",
        origin: "github.com/openai/human-eval at \(HumanEvalBenchmark.commit.prefix(12))",
        defaultPrompt: BenchmarkPrompts.code)

    public func sources(split: String) -> [DatasetSource] {
        [.published(Self.compressed,
                    at: "openai/human-eval/\(Self.commit)/data/HumanEval.jsonl.gz")]
    }

    public func isPresent(in directory: String, split: String) -> Bool {
        file(in: directory) != nil
    }

    /// The file to read: the gzip file when present, else the decompressed one.
    func file(in directory: String) -> String? {
        [Self.compressed, Self.decompressed].map { FileSystem.join(directory, $0) }
            .first(where: FileSystem.isFile)
    }

    public func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords
    {
        guard let path = file(in: directory) else {
            throw .missingFile(FileSystem.join(directory, Self.compressed), detail: "neither "
                + "\(Self.compressed) nor \(Self.decompressed) is in \(directory)")
        }
        let records = DatasetRecords(parts: [
            .rows(of: DataFile(path: path, format: .jsonLines),
                  policy: request.missingFieldPolicy) { row in try Self.record(from: row) },
        ])
        return try narrowed(records, to: request.subset)
    }

    /// The record of one HumanEval task.
    static func record(from row: DatasetRow) throws(DatasetError) -> DatasetRecord {
        let taskID = try row.required("task_id")
        let prompt = try row.required("prompt")
        let entryPoint = try row.required("entry_point")
        let test = try row.required("test")
        let solution = try row.required("canonical_solution")
        return DatasetRecord(
            id: taskID, question: prompt, answer: test, answerKind: .code,
            metadata: ["prompt": prompt, "entry_point": entryPoint,
                       "canonical_solution": solution])
    }
}
