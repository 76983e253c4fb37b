import Foundation

/// What an evaluation run is: the dataset and how it was sampled, the system, the prompt and
/// the evaluator. Two runs with equal configurations score the same items the same way, so a
/// run is resumed only under the configuration it started with.
public struct EvaluationRunConfiguration: Sendable, Hashable, Codable {
    /// The dataset's registered name, or the path of a user's file.
    public var dataset: String
    /// The subset evaluated (an MMLU subject), or `nil` for all.
    public var subset: String?
    /// The split evaluated (`test`), or `nil` for the dataset's default.
    public var split: String?
    /// How records were chosen: `first` or `random` (with ``seed``) or `stratified`.
    public var sampling: String
    /// The most records evaluated, or `nil` for all.
    public var limit: Int?
    /// The seed of random sampling and option shuffling, or `nil`.
    public var seed: UInt64?
    /// The system: its notation, or the model id for a single model.
    public var system: String
    /// The model of nodes that name none, or the model itself.
    public var model: String
    /// The evaluator's name (`numeric`).
    public var evaluator: String
    /// The prompt template put to the system.
    public var prompt: String
    /// For a user's own file, which fields hold what: `question`, `answer`, `choices` (one
    /// field, or columns separated by commas), `id`, `subset`, `answer_kind`; `nil` for a
    /// registered benchmark.
    public var fields: [String: String]?
    /// Sampling temperature, where one was set.
    public var temperature: Double?
    /// The most tokens generated per call, where set.
    public var maximumTokens: Int?

    /// Creates a configuration.
    public init(dataset: String, subset: String? = nil, split: String? = nil,
                sampling: String = "first", limit: Int? = nil, seed: UInt64? = nil,
                system: String, model: String, evaluator: String, prompt: String,
                fields: [String: String]? = nil, temperature: Double? = nil,
                maximumTokens: Int? = nil) {
        self.dataset = dataset
        self.subset = subset
        self.split = split
        self.sampling = sampling
        self.limit = limit
        self.seed = seed
        self.system = system
        self.model = model
        self.evaluator = evaluator
        self.prompt = prompt
        self.fields = fields
        self.temperature = temperature
        self.maximumTokens = maximumTokens
    }

    /// The configuration as JSON with sorted keys: the same configuration, the same bytes.
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, number or optional of one: encoding cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The fields in which `other` differs from this configuration, each as
    /// "key: this → other", in key order; empty when they are equal.
    public func differences(from other: Self) -> [String] {
        /// Each top-level value as text; a nested object (the file fields) as JSON with
        /// sorted keys, so that equal values read the same whatever their order in memory.
        func fields(_ configuration: Self) -> [String: String] {
            let data = Data(configuration.canonicalJSON.utf8)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return object.mapValues { value in
                guard value is [String: Any],
                      let nested = try? JSONSerialization.data(
                        withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
                else { return "\(value)" }
                return String(decoding: nested, as: UTF8.self)
            }
        }
        let mine = fields(self)
        let theirs = fields(other)
        return Set(mine.keys).union(theirs.keys).sorted().compactMap { key in
            let old = mine[key] ?? "(none)"
            let new = theirs[key] ?? "(none)"
            return old == new ? nil : "\(key): \(old) → \(new)"
        }
    }
}
