import EmberOperators

/// MATH-500: the 500-problem test subset of MATH (Hendrycks et al., 2021) that OpenAI's
/// PRM800K work uses, read from `math500/test.jsonl`.
///
/// The gold answer is the LaTeX of the final answer (the `\boxed{}` content of the
/// solution). The subject (`Intermediate Algebra`) is the record's subset, matched ignoring
/// case and punctuation (`intermediate_algebra`); `level` (1–5), `subject` and `solution`
/// are in the metadata. The id is the source's `unique_id` (`test/precalculus/807.json`).
public struct MATH500Benchmark: DatasetDefinition {
    static let commit = "db77bc6bb2a17c90ed2d63e88ebd8c40a82858c5"

    /// Creates the definition.
    public init() {}

    public let info = DatasetInfo(
        name: "math500", displayName: "MATH-500",
        summary: "Competition mathematics problems in seven subjects and five levels, "
            + "answered in LaTeX.",
        splits: ["test"], defaultSplit: "test",
        subsets: ["Algebra", "Counting & Probability", "Geometry", "Intermediate Algebra",
                  "Number Theory", "Prealgebra", "Precalculus"],
        subsetKind: "subject", answerKind: .text, evaluator: "math", license: "MIT",
        recordCounts: ["test": 500], directory: "math500",
        origin: "github.com/ZubinGou/math-evaluation-harness at "
            + "\(MATH500Benchmark.commit.prefix(12)) (openai/prm800k's split)",
        defaultPrompt: BenchmarkPrompts.boxed)

    public func sources(split: String) -> [DatasetSource] {
        [.published("math500/test.jsonl",
                    at: "ZubinGou/math-evaluation-harness/\(Self.commit)/data/math_oai/test.jsonl")]
    }

    public func isPresent(in directory: String, split: String) -> Bool {
        hasAllSources(in: directory, split: split)
    }

    public func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords
    {
        let path = FileSystem.join(directory, "math500/test.jsonl")
        let records = DatasetRecords(parts: [
            .rows(of: DataFile(path: path, format: .jsonLines),
                  policy: request.missingFieldPolicy) { row in try Self.record(from: row) },
        ])
        return try narrowed(records, to: request.subset)
    }

    /// The record of one MATH-500 line.
    static func record(from row: DatasetRow) throws(DatasetError) -> DatasetRecord {
        let subject = try row.required("subject")
        return DatasetRecord(
            id: try row.required("unique_id"), question: try row.required("problem"),
            answer: try row.required("answer"), answerKind: .text, subset: subject,
            metadata: ["level": try row.required("level"), "subject": subject,
                       "solution": row.string("solution") ?? ""])
    }
}
