/// What to load: a dataset by name, a split and subset of it, how to sample it, and the seed
/// of anything random (sampling, TruthfulQA's option order, HaluEval's choice of answer).
public struct DatasetRequest: Sendable, Hashable {
    /// The registered name (`mmlu`), compared ignoring case.
    public var name: String
    /// The split, or `nil` for the dataset's default.
    public var split: String?
    /// The subset (an MMLU subject), or `nil` for all.
    public var subset: String?
    /// Which records to keep.
    public var sampler: DatasetSampler
    /// The run's seed.
    public var seed: UInt64
    /// What to do with a row that lacks a field.
    public var missingFieldPolicy: MissingFieldPolicy

    /// Creates a request.
    public init(name: String, split: String? = nil, subset: String? = nil,
                sampler: DatasetSampler = .all, seed: UInt64 = 0,
                missingFieldPolicy: MissingFieldPolicy = .fail) {
        self.name = name
        self.split = split
        self.subset = subset
        self.sampler = sampler
        self.seed = seed
        self.missingFieldPolicy = missingFieldPolicy
    }
}
