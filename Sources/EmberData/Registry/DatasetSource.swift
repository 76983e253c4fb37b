/// One file of a registered benchmark: where it goes in a data directory, where it is
/// published, and the SHA-256 it must have.
public struct DatasetSource: Sendable, Hashable {
    /// The path inside a data directory (`gsm8k/test.jsonl`).
    public var relativePath: String
    /// The path under the source's base URL: repository, pinned commit and file
    /// (`openai/grade-school-math/3101c7d…/grade_school_math/data/test.jsonl`).
    public var remotePath: String
    /// The file's SHA-256 as lower-case hex.
    public var sha256: String
    /// The file's size in bytes.
    public var size: Int

    /// Raw GitHub, which serves a repository's files at a commit.
    public static let defaultBaseURL = "https://raw.githubusercontent.com"

    /// Creates a source.
    public init(relativePath: String, remotePath: String, sha256: String, size: Int) {
        self.relativePath = relativePath
        self.remotePath = remotePath
        self.sha256 = sha256
        self.size = size
    }

    /// The file's URL under `baseURL` (raw GitHub unless a mirror or a test server is set).
    public func url(baseURL: String = DatasetSource.defaultBaseURL) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + remotePath
    }

    /// A published file, by its path in a data directory and in its repository at a
    /// commit; the checksum and size come from the shared data's `SHA256SUMS`.
    static func published(_ relativePath: String, at remotePath: String) -> DatasetSource {
        guard let entry = PublishedFiles.entries[relativePath] else {
            preconditionFailure("no published checksum for \(relativePath)")
        }
        return DatasetSource(relativePath: relativePath, remotePath: remotePath,
                             sha256: entry.sha256, size: entry.size)
    }
}
