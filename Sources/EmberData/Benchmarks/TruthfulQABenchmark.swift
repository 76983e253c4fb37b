import EmberModels
import EmberOperators

/// TruthfulQA (Lin et al., 2022), multiple choice with one true answer (`mc1`), read from
/// `truthfulqa/mc_task.json`.
///
/// The file gives each question's options unordered, the true one marked 1. They are put in
/// a canonical order (sorted by text, since the file's object order is not kept), then
/// shuffled with the request's seed by Fisher–Yates, on a ``SeededRandomNumberGenerator``
/// stream numbered by the question's position, and labelled A, B, C…; the gold answer is
/// the label of the true option. So a question's option order depends on the seed and the
/// question alone, whatever else is loaded or sampled. Ids read `truthfulqa/<n>`, `n`
/// counting the file's questions from 1.
public struct TruthfulQABenchmark: DatasetDefinition {
    static let commit = "f6be04e52bbcb41d4d20daee6358231d4a5015d2"

    /// Creates the definition.
    public init() {}

    public let info = DatasetInfo(
        name: "truthfulqa", displayName: "TruthfulQA (MC1)",
        summary: "Questions that some people would answer falsely from a misconception; "
            + "multiple choice with exactly one true option.",
        splits: ["test"], defaultSplit: "test", answerKind: .choice, evaluator: "choice",
        license: "Apache-2.0", recordCounts: ["test": 790], directory: "truthfulqa",
        origin: "github.com/sylinrl/TruthfulQA at \(TruthfulQABenchmark.commit.prefix(12))",
        defaultPrompt: BenchmarkPrompts.choice)

    public func sources(split: String) -> [DatasetSource] {
        [.published("truthfulqa/mc_task.json",
                    at: "sylinrl/TruthfulQA/\(Self.commit)/data/mc_task.json")]
    }

    public func isPresent(in directory: String, split: String) -> Bool {
        hasAllSources(in: directory, split: split)
    }

    public func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords
    {
        let path = FileSystem.join(directory, "truthfulqa/mc_task.json")
        let seed = request.seed
        let records = DatasetRecords(parts: [
            .rows(of: DataFile(path: path, format: .jsonArray),
                  policy: request.missingFieldPolicy) { row in
                try Self.record(from: row, seed: seed)
            },
        ])
        return try narrowed(records, to: request.subset)
    }

    /// The record of one question, its options shuffled with `seed`.
    ///
    /// - Throws: ``DatasetError`` for a missing question or `mc1_targets`, or targets
    ///   without exactly one option marked 1.
    static func record(from row: DatasetRow, seed: UInt64) throws(DatasetError)
        -> DatasetRecord
    {
        let question = try row.required("question")
        let targets = try row.requiredObject("mc1_targets")
        var options = targets.keys.sorted { Array($0.unicodeScalars.map(\.value))
            .lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
        let trueOptions = options.filter { targets[$0] == .integer(1) }
        guard trueOptions.count == 1, options.count >= 2 else {
            throw row.invalid("mc1_targets", "marks \(trueOptions.count) of \(options.count) "
                + "options true; exactly one of two or more must be marked 1")
        }
        var generator = SeededRandomNumberGenerator(seed: seed, stream: UInt64(row.index))
        options.seededShuffle(using: &generator)
        let choices = options.enumerated().map { position, text in
            DatasetRecord.Choice(label: ARCBenchmark.letter(position), text: text)
        }
        let gold = choices.first { $0.text == trueOptions[0] }!.label
        return DatasetRecord(id: "truthfulqa/\(row.index + 1)", question: question,
                             choices: choices, answer: gold, answerKind: .choice)
    }
}
