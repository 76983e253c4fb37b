import EmberOperators
import Foundation

/// GSM8K as a registered dataset: the test split, from a data directory or the copy bundled
/// with Ember. Records are read by ``GSM8K/record(from:)``.
public struct GSM8KBenchmark: DatasetDefinition {
    static let commit = "3101c7d5072418e28b9008a6636bde82a006892c"

    /// Creates the definition.
    public init() {}

    public let info = DatasetInfo(
        name: GSM8K.name, displayName: "GSM8K",
        summary: "Grade-school maths word problems, each answered by a worked solution "
            + "ending in '#### <number>'.",
        splits: ["test"], defaultSplit: "test", answerKind: .number, evaluator: "numeric",
        license: "MIT", recordCounts: ["test": 1_319], directory: "gsm8k",
        origin: "github.com/openai/grade-school-math at \(GSM8KBenchmark.commit.prefix(12))",
        defaultPrompt: BenchmarkPrompts.numeric)

    public func sources(split: String) -> [DatasetSource] {
        let path = "grade_school_math/data/test.jsonl"
        return [.published(GSM8K.relativePath,
                           at: "openai/grade-school-math/\(Self.commit)/\(path)")]
    }

    public func isPresent(in directory: String, split: String) -> Bool {
        hasAllSources(in: directory, split: split)
    }

    public func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords
    {
        let file = DataFile(path: FileSystem.join(directory, GSM8K.relativePath),
                            format: .jsonLines)
        let records = DatasetRecords(parts: [
            .rows(of: file, policy: request.missingFieldPolicy) { row in
                try GSM8K.record(from: row)
            },
        ])
        return try narrowed(records, to: request.subset)
    }

    /// The directory inside Ember's bundle that holds `gsm8k/test.jsonl`.
    public var bundledDirectory: String? {
        GSM8K.bundledPath.map {
            (($0 as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        }
    }
}
