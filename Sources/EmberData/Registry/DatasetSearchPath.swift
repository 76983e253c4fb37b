import Foundation

/// The directories searched for a dataset's files, in order: the one the user named, the
/// `EMBER_DATA_DIR` value, the user's cache, then the data bundled with Ember.
///
/// Each directory is laid out like the shared datasets (`gsm8k/test.jsonl`,
/// `mmlu/test/<subject>_test.csv`, …). The cache is where downloads go.
public struct DatasetSearchPath: Sendable, Hashable {
    /// The directory the user named (`--data-dir`), or `nil`.
    public var explicitDirectory: String?
    /// The value of `EMBER_DATA_DIR`, as the caller read it, or `nil`.
    public var environmentDirectory: String?
    /// The cache of downloaded datasets.
    public var cacheDirectory: String
    /// Whether data bundled with Ember (GSM8K's test split) is used last.
    public var includesBundledData: Bool

    /// Creates a search path.
    ///
    /// - Parameters:
    ///   - explicitDirectory: A directory the user named; it must exist.
    ///   - environmentDirectory: The value of `EMBER_DATA_DIR`; it must exist when set.
    ///   - cacheDirectory: The cache; ``defaultCacheDirectory(environment:)`` by default.
    ///   - includesBundledData: Whether the bundled copies are searched last.
    public init(explicitDirectory: String? = nil, environmentDirectory: String? = nil,
                cacheDirectory: String? = nil, includesBundledData: Bool = true) {
        self.explicitDirectory = explicitDirectory.flatMap { $0.isEmpty ? nil : $0 }
        self.environmentDirectory = environmentDirectory.flatMap { $0.isEmpty ? nil : $0 }
        self.cacheDirectory = cacheDirectory ?? Self.defaultCacheDirectory()
        self.includesBundledData = includesBundledData
    }

    /// The user's dataset cache: `$XDG_CACHE_HOME/ember/datasets` when that is set, else
    /// `~/.cache/ember/datasets`.
    public static func defaultCacheDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return FileSystem.join(cache, "ember/datasets")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return FileSystem.join(home, ".cache/ember/datasets")
    }

    /// The directories searched, in order, without the bundled data.
    public var directories: [String] {
        [explicitDirectory, environmentDirectory, cacheDirectory].compactMap { $0 }
    }

    /// Checks that the directories the user named exist.
    ///
    /// - Throws: ``DatasetError/missingFile(_:detail:)`` naming a named directory that is
    ///   missing or is a file.
    public func validate() throws(DatasetError) {
        let named = [(explicitDirectory, "the data directory"),
                     (environmentDirectory, "EMBER_DATA_DIR")]
        for case let (directory?, what) in named where !FileSystem.isDirectory(directory) {
            if FileSystem.isFile(directory) {
                throw .unreadableFile(directory, detail: "\(what) is a file; it must be a "
                    + "directory laid out like shared/datasets (gsm8k/test.jsonl, "
                    + "mmlu/test/<subject>_test.csv, …)")
            }
            throw .missingFile(directory, detail: "\(what) was not found; it should be a "
                + "directory laid out like shared/datasets (gsm8k/test.jsonl, "
                + "mmlu/test/<subject>_test.csv, …)")
        }
    }
}
