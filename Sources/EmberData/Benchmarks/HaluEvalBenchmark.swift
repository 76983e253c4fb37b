import EmberOperators

/// HaluEval's question-answering set (Li et al., 2023): 10,000 questions with knowledge, a
/// right answer and a hallucinated one, read from `halueval/qa_data.json`, which is JSON
/// Lines despite its name.
///
/// As in HaluEval's own evaluation, each record pairs the question with one of its two
/// answers, picked with probability ½ from a ``SeededRandomNumberGenerator`` stream
/// numbered by the record's position, so the pick depends on the seed and the record alone.
/// The system is asked whether that answer is hallucinated: the gold answer is `Yes` for
/// the hallucinated answer and `No` for the right one. The record's question holds the
/// knowledge, the question and the answer to judge; the metadata holds them apart
/// (`knowledge`, `source_question`, `candidate_answer`) with `candidate` set to `right` or
/// `hallucinated`. Ids read `halueval/<n>`, `n` counting lines from 1.
public struct HaluEvalBenchmark: DatasetDefinition {
    static let commit = "b7253db3cdaa0ab2c382f92b26b390109174f77e"

    /// Creates the definition.
    public init() {}

    public let info = DatasetInfo(
        name: "halueval", displayName: "HaluEval (QA)",
        summary: "Hallucination detection: given knowledge, a question and an answer, say "
            + "whether the answer is hallucinated.",
        splits: ["test"], defaultSplit: "test", answerKind: .text, evaluator: "yes-no",
        license: "MIT", recordCounts: ["test": 10_000], directory: "halueval",
        origin: "github.com/RUCAIBox/HaluEval at \(HaluEvalBenchmark.commit.prefix(12))",
        defaultPrompt: BenchmarkPrompts.yesNo)

    public func sources(split: String) -> [DatasetSource] {
        [.published("halueval/qa_data.json",
                    at: "RUCAIBox/HaluEval/\(Self.commit)/data/qa_data.json")]
    }

    public func isPresent(in directory: String, split: String) -> Bool {
        hasAllSources(in: directory, split: split)
    }

    public func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords
    {
        let path = FileSystem.join(directory, "halueval/qa_data.json")
        let seed = request.seed
        let records = DatasetRecords(parts: [
            .rows(of: DataFile(path: path, format: .jsonLines),
                  policy: request.missingFieldPolicy) { row in
                try Self.record(from: row, seed: seed)
            },
        ])
        return try narrowed(records, to: request.subset)
    }

    /// The record of one HaluEval line, paired with the answer `seed` picks.
    static func record(from row: DatasetRow, seed: UInt64) throws(DatasetError)
        -> DatasetRecord
    {
        let knowledge = try row.required("knowledge")
        let question = try row.required("question")
        let right = try row.required("right_answer")
        let hallucinated = try row.required("hallucinated_answer")
        var generator = SeededRandomNumberGenerator(seed: seed, stream: UInt64(row.index))
        let isHallucinated = generator.nextDouble() < 0.5
        let candidate = isHallucinated ? hallucinated : right
        return DatasetRecord(
            id: "halueval/\(row.index + 1)",
            question: "Knowledge: \(knowledge)\nQuestion: \(question)\nAnswer: \(candidate)",
            answer: isHallucinated ? "Yes" : "No", answerKind: .text,
            metadata: ["knowledge": knowledge, "source_question": question,
                       "candidate_answer": candidate,
                       "candidate": isHallucinated ? "hallucinated" : "right"])
    }
}
