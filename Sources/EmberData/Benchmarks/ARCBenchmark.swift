import EmberModels
import EmberOperators

/// The AI2 Reasoning Challenge, Challenge set (Clark et al., 2018): grade-school science
/// questions with three to five options, from `arc_challenge/ARC-Challenge-<Split>.jsonl`.
///
/// Options are relabelled A, B, C… by position, and the answer key is mapped through the
/// item's own label list. So the 22 test items (and 4 dev items) whose source labels are
/// the digits 1–4 read as A–D like every other item, which the choice evaluator reads; their
/// source labels are kept in the metadata as `original_labels` and `original_answer`. The
/// id is the source's (`Mercury_7175875`).
public struct ARCBenchmark: DatasetDefinition {
    static let commit = "799e65e48c0cc2bdf2780a13bbb4830f46139581"
    static let files = ["test": "ARC-Challenge-Test.jsonl", "dev": "ARC-Challenge-Dev.jsonl"]

    /// Creates the definition.
    public init() {}

    public let info = DatasetInfo(
        name: "arc", displayName: "ARC-Challenge",
        summary: "Grade-school science questions that retrieval and co-occurrence methods "
            + "get wrong; three to five options each.",
        splits: ["test", "dev"], defaultSplit: "test", answerKind: .choice,
        evaluator: "choice", license: "CC BY-SA 4.0",
        recordCounts: ["test": 1_172, "dev": 299], directory: "arc_challenge",
        origin: "github.com/RazvanDu/TemporalRNNs at \(ARCBenchmark.commit.prefix(12)) "
            + "(AI2 ARC V1, Feb 2018)",
        defaultPrompt: BenchmarkPrompts.choice)

    public func sources(split: String) -> [DatasetSource] {
        guard let file = Self.files[split] else { return [] }
        return [.published("arc_challenge/\(file)",
                           at: "RazvanDu/TemporalRNNs/\(Self.commit)/ARC-Challenge/\(file)")]
    }

    public func isPresent(in directory: String, split: String) -> Bool {
        hasAllSources(in: directory, split: split)
    }

    public func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords
    {
        let path = FileSystem.join(directory, "arc_challenge/\(Self.files[split] ?? "")")
        let records = DatasetRecords(parts: [
            .rows(of: DataFile(path: path, format: .jsonLines),
                  policy: request.missingFieldPolicy) { row in try Self.record(from: row) },
        ])
        return try narrowed(records, to: request.subset)
    }

    /// The record of one ARC line, relabelled A, B, C… by position.
    ///
    /// - Throws: ``DatasetError`` for a missing id, stem, choice list or answer key, or a
    ///   key that is not one of the item's labels.
    static func record(from row: DatasetRow) throws(DatasetError) -> DatasetRecord {
        let id = try row.required("id")
        let question = try row.requiredObject("question")
        guard let stem = question["stem"].flatMap(DatasetRow.text(of:)),
              !stem.isEmpty else {
            throw row.missing("question.stem")
        }
        guard case .array(let choiceValues)? = question["choices"], !choiceValues.isEmpty else {
            throw row.missing("question.choices")
        }
        var sourceLabels: [String] = []
        var choices: [DatasetRecord.Choice] = []
        for (position, value) in choiceValues.enumerated() {
            guard case .object(let choice) = value,
                  let label = choice["label"].flatMap(DatasetRow.text(of:)),
                  let text = choice["text"].flatMap(DatasetRow.text(of:)) else {
                throw row.invalid("question.choices", "has an option without a label and text")
            }
            sourceLabels.append(label)
            choices.append(DatasetRecord.Choice(label: letter(position), text: text))
        }
        let key = try row.required("answerKey")
        guard let position = sourceLabels.firstIndex(of: key) else {
            throw row.invalid("answerKey", "is '\(key)', which is not one of the item's "
                + "labels (\(sourceLabels.joined(separator: ", ")))")
        }
        var metadata: [String: String] = [:]
        if sourceLabels != choices.map(\.label) {
            metadata["original_labels"] = sourceLabels.joined(separator: ",")
            metadata["original_answer"] = key
        }
        return DatasetRecord(id: id, question: stem, choices: choices,
                             answer: letter(position), answerKind: .choice,
                             metadata: metadata)
    }

    /// The label of the option at `position`: A for 0, … Z for 25, then AA, AB, … as
    /// spreadsheet columns go.
    static func letter(_ position: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var label = ""
        var remaining = position + 1
        while remaining > 0 {
            remaining -= 1
            label.insert(letters[remaining % 26], at: label.startIndex)
            remaining /= 26
        }
        return label
    }
}
