import EmberOperators

/// What is known about a registered dataset before any of it is read: what it is, how it is
/// split, how its answers are judged and prompted, and where it is published.
public struct DatasetInfo: Sendable {
    /// The registered name (`mmlu`).
    public var name: String
    /// The name as people write it (`MMLU`).
    public var displayName: String
    /// One or two sentences on what the dataset is.
    public var summary: String
    /// The splits, in the order shown.
    public var splits: [String]
    /// The split loaded when none is asked for.
    public var defaultSplit: String
    /// The subsets known in advance (MMLU's subjects, MATH's subjects); empty when the
    /// dataset has none.
    public var subsets: [String]
    /// What a subset is called in this dataset (`subject`), for messages.
    public var subsetKind: String
    /// How answers are read.
    public var answerKind: AnswerKind
    /// The name of the evaluator that scores answers (`numeric`, `choice`, `math`,
    /// `yes-no`, `code`, `exact`, `normalized`).
    public var evaluator: String
    /// The license that governs the data.
    public var license: String
    /// The number of records of each split in the published files.
    public var recordCounts: [String: Int]
    /// The directory of the dataset inside a data directory (`arc_challenge`).
    public var directory: String
    /// Where the data comes from, for people: the repository and commit.
    public var origin: String
    /// The prompt put to a system for a record, unless the user gives another.
    public var defaultPrompt: PromptTemplate

    /// Creates a description.
    public init(name: String, displayName: String, summary: String, splits: [String],
                defaultSplit: String, subsets: [String] = [], subsetKind: String = "subset",
                answerKind: AnswerKind, evaluator: String, license: String,
                recordCounts: [String: Int], directory: String, origin: String,
                defaultPrompt: PromptTemplate) {
        self.name = name
        self.displayName = displayName
        self.summary = summary
        self.splits = splits
        self.defaultSplit = defaultSplit
        self.subsets = subsets
        self.subsetKind = subsetKind
        self.answerKind = answerKind
        self.evaluator = evaluator
        self.license = license
        self.recordCounts = recordCounts
        self.directory = directory
        self.origin = origin
        self.defaultPrompt = defaultPrompt
    }

    /// The split to load: `split` if the dataset has it, else the default.
    ///
    /// - Throws: ``DatasetError/unknownSplit(_:dataset:known:)`` for a split it lacks.
    public func resolveSplit(_ split: String?) throws(DatasetError) -> String {
        guard let split else { return defaultSplit }
        guard let known = splits.first(where: { $0.lowercased() == split.lowercased() }) else {
            throw .unknownSplit(split, dataset: name, known: splits)
        }
        return known
    }
}
