/// How a response cache takes part in model calls.
public enum ResponseCacheMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// No lookups and no writes.
    case off
    /// Answers from the cache where it can, and stores every new response.
    case readWrite = "read-write"
    /// Answers from the cache where it can, and stores nothing.
    case readOnly = "read-only"
    /// Calls the model every time and stores every response, for a later replay.
    case record
    /// Answers only from the cache; a request that was not recorded fails.
    case replay

    public var description: String { rawValue }
}
