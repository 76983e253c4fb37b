/// An error from the response cache: a replayed request that was never recorded, or an
/// entry that cannot be read.
public struct ResponseCacheError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case notRecorded
        case unreadableEntry(detail: String)
    }

    private let code: Code
    /// The model the request was for.
    public let model: ModelID
    /// The request's cache key.
    public let key: ResponseCacheKey
    /// The cache file.
    public let path: String

    private init(_ code: Code, model: ModelID, key: ResponseCacheKey, path: String) {
        self.code = code
        self.model = model
        self.key = key
        self.path = path
    }

    /// In replay mode, a request the cache holds no response for.
    public static func notRecorded(model: ModelID, key: ResponseCacheKey, path: String)
        -> Self
    {
        Self(.notRecorded, model: model, key: key, path: path)
    }

    /// A stored entry whose response cannot be decoded.
    public static func unreadableEntry(model: ModelID, key: ResponseCacheKey, path: String,
                                       detail: String) -> Self
    {
        Self(.unreadableEntry(detail: detail), model: model, key: key, path: path)
    }

    /// Whether this is a replayed request that was never recorded.
    public var isNotRecorded: Bool { code == .notRecorded }

    public var description: String {
        let shortKey = key.digest.prefix(12)
        switch code {
        case .notRecorded:
            return "The request to \(model) was not recorded in the response cache \(path) "
                + "(key \(shortKey)), and replay mode sends nothing to the model; record it "
                + "first with the cache mode record or read-write (EMBER_CACHE=record, or "
                + "--cache record), or run without replay."
        case .unreadableEntry(let detail):
            return "The response cache \(path) holds an entry for \(model) (key \(shortKey)) "
                + "that cannot be read: \(detail); clear it with 'ember cache clear'."
        }
    }
}
