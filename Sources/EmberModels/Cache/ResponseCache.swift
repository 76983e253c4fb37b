import Foundation

/// Model responses kept in SQLite, keyed by everything that shapes them, so that asking
/// the same thing again costs nothing.
///
/// Give one to ``ModelService`` and every call goes through it as its ``mode`` says:
/// looked up first (a hit sends nothing), sent on a miss, stored once answered. The key is
/// a ``ResponseCacheKey``: provider, model, parameters, messages, response format and the
/// sample index, so the five members of an ensemble are five entries.
///
/// Concurrent calls with the same key while the first is in flight wait for it instead of
/// calling again (in read-write, read-only and record modes); if it fails, they all get its
/// error, and the next call tries afresh. A waiter that is cancelled stops waiting without
/// cancelling the call the others wait for.
///
/// An entry older than ``timeToLive`` is a miss, replaced when the response is stored
/// again; replay ignores the time to live, since a recording is kept on purpose. The
/// cache is safe to share between tasks and processes (SQLite in WAL mode).
public final class ResponseCache: Sendable {
    /// A response as the cache holds it.
    public struct Entry: Sendable, Hashable {
        /// The key it is stored under.
        public var key: String
        /// The model that gave it.
        public var model: ModelID
        /// The response, as the model first gave it (``ModelResponse/isCached`` is `false`).
        public var response: ModelResponse
        /// What the original call cost, or `nil` where that was unknown.
        public var cost: Decimal?
        /// When it was stored.
        public var createdAt: Date
        /// How many times it has been served since.
        public var hitCount: Int
    }

    /// A response for a call, and whether it was paid for.
    public struct Served: Sendable {
        /// The response; ``ModelResponse/isCached`` says whether it came from the cache (or
        /// from an identical call in flight) rather than from a call made for it.
        public var response: ModelResponse
        /// For a cached response, what the original call cost, or `nil` where unknown.
        public var originalCost: Decimal?
    }

    /// How the cache takes part in calls.
    public let mode: ResponseCacheMode
    /// How long an entry stays valid, or `nil` for as long as it is kept.
    public let timeToLive: Duration?
    let database: SQLiteDatabase
    let now: @Sendable () -> Date
    private let onError: @Sendable (any Error) -> Void
    private let coalescer = RequestCoalescer<Stored>()

    /// The cache file.
    public var path: String { database.path }

    /// The calls waiting on a call in flight (the one that sends it included).
    var waitingCallCount: Int { coalescer.waiterCount }

    /// Opens (creating if needed) the cache in the SQLite file at `path`.
    ///
    /// - Parameters:
    ///   - path: The cache file; its folder is created if needed.
    ///   - mode: How the cache takes part in calls.
    ///   - timeToLive: How long an entry stays valid; `nil` keeps entries until cleared.
    ///   - now: The current date, for tests that move time.
    ///   - onError: Told when an entry could not be read or written; the call is not
    ///     failed for it (in replay mode a failed read fails the call).
    /// - Throws: ``SQLiteError`` when the file cannot be opened or is not a database.
    public convenience init(path: String, mode: ResponseCacheMode = .readWrite,
                            timeToLive: Duration? = nil,
                            now: @escaping @Sendable () -> Date = { Date() },
                            onError: @escaping @Sendable (any Error) -> Void = { _ in })
        throws
    {
        try self.init(database: SQLiteDatabase(path: path), mode: mode,
                      timeToLive: timeToLive, now: now, onError: onError)
    }

    /// Opens the cache in `database`, creating its table if needed.
    public init(database: SQLiteDatabase, mode: ResponseCacheMode = .readWrite,
                timeToLive: Duration? = nil,
                now: @escaping @Sendable () -> Date = { Date() },
                onError: @escaping @Sendable (any Error) -> Void = { _ in }) throws {
        self.database = database
        self.mode = mode
        self.timeToLive = timeToLive
        self.now = now
        self.onError = onError
        try database.execute("""
            CREATE TABLE IF NOT EXISTS response_cache (
                key TEXT PRIMARY KEY,
                key_version INTEGER NOT NULL,
                model TEXT NOT NULL,
                response TEXT NOT NULL,
                cost TEXT,
                created_at REAL NOT NULL,
                hit_count INTEGER NOT NULL DEFAULT 0,
                last_hit_at REAL
            );
            CREATE INDEX IF NOT EXISTS response_cache_created_at
                ON response_cache (created_at);
            """)
    }

    /// Answers a call as ``mode`` says: from the cache, or by `send`ing it and storing the
    /// response.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - model: The model it is for.
    ///   - cost: What a response cost, stored with it.
    ///   - send: Makes the call; run at most once for concurrent identical requests.
    /// - Throws: ``ResponseCacheError/notRecorded(model:key:path:)`` in replay mode for a
    ///   request not in the cache (nothing is sent); `send`'s error; `CancellationError`.
    public func response(
        for request: ModelRequest, model: ModelID,
        cost: @escaping @Sendable (ModelResponse) -> Decimal?,
        send: @escaping @Sendable () async throws -> ModelResponse
    ) async throws -> Served {
        guard mode != .off else { return Served(response: try await send()) }
        let key = ResponseCacheKey(request: request, model: model)
        if let hit = try cachedResponse(forKey: key, model: model) { return hit }
        let outcome = try await coalescer.value(forKey: key.digest) { [self] in
            let response = try await send()
            let stored = Stored(response: response, cost: cost(response))
            if mode.isWriting { write(stored, key: key, model: model) }
            return stored
        }
        var response = outcome.value.response
        response.isCached = outcome.isShared
        return Served(response: response,
                      originalCost: outcome.isShared ? outcome.value.cost : nil)
    }

    /// The response the cache holds for a request, if ``mode`` reads and one is there.
    ///
    /// A hit counts in the entry's hit count in read-write mode (read-only and replay write
    /// nothing).
    ///
    /// - Returns: The response, marked ``ModelResponse/isCached``; `nil` for a miss, an
    ///   expired entry, or a mode that does not read (off, record).
    /// - Throws: ``ResponseCacheError/notRecorded(model:key:path:)`` in replay mode for a
    ///   request not in the cache.
    public func cachedResponse(for request: ModelRequest, model: ModelID) throws -> Served? {
        guard mode.isReading else { return nil }
        return try cachedResponse(forKey: ResponseCacheKey(request: request, model: model),
                                  model: model)
    }

    /// Stores a response for a request, replacing any entry for it, if ``mode`` writes
    /// (read-write, record).
    ///
    /// A response that cannot be written is reported to the `onError` handler given at
    /// creation; it is not an error of the call.
    public func store(_ response: ModelResponse, cost: Decimal?, for request: ModelRequest,
                      model: ModelID) {
        guard mode.isWriting else { return }
        write(Stored(response: response, cost: cost),
              key: ResponseCacheKey(request: request, model: model), model: model)
    }

    /// The entry stored under a key, expired or not, without counting a hit.
    public func entry(forKey key: ResponseCacheKey) throws -> Entry? {
        let rows = try database.query("""
            SELECT model, response, cost, created_at, hit_count FROM response_cache
            WHERE key = ?
            """, [.text(key.digest)])
        guard let row = rows.first, let model = try? ModelID(parsing: row[0].text ?? "")
        else { return nil }
        let response = try Stored.decode(row[1].text ?? "", model: model, key: key,
                                         path: path)
        return Entry(key: key.digest, model: model, response: response,
                     cost: row[2].text.flatMap { Decimal(string: $0) },
                     createdAt: Date(timeIntervalSince1970: row[3].real ?? 0),
                     hitCount: Int(row[4].integer ?? 0))
    }

    /// Whether an entry stored at `date` has outlived ``timeToLive`` by now.
    public func isExpired(createdAt date: Date) -> Bool {
        guard let timeToLive else { return false }
        return now().timeIntervalSince(date) >= timeToLive.seconds
    }

    private func cachedResponse(forKey key: ResponseCacheKey, model: ModelID) throws
        -> Served?
    {
        guard mode.isReading else { return nil }
        let entry: Entry?
        do {
            entry = try self.entry(forKey: key)
        } catch {
            // A cache that cannot be read is a miss, unless replay depends on it.
            if mode == .replay { throw error }
            onError(error)
            entry = nil
        }
        guard let entry, mode == .replay || !isExpired(createdAt: entry.createdAt) else {
            if mode == .replay { throw ResponseCacheError.notRecorded(model: model, key: key,
                                                                       path: path) }
            return nil
        }
        if mode == .readWrite { countHit(key: key) }
        var response = entry.response
        response.isCached = true
        return Served(response: response, originalCost: entry.cost)
    }

    private func countHit(key: ResponseCacheKey) {
        do {
            try database.query("""
                UPDATE response_cache SET hit_count = hit_count + 1, last_hit_at = ?
                WHERE key = ?
                """, [.real(now().timeIntervalSince1970), .text(key.digest)])
        } catch {
            onError(error)
        }
    }

    private func write(_ stored: Stored, key: ResponseCacheKey, model: ModelID) {
        do {
            try database.query("""
                INSERT INTO response_cache (key, key_version, model, response, cost,
                    created_at, hit_count)
                VALUES (?, ?, ?, ?, ?, ?, 0)
                ON CONFLICT (key) DO UPDATE SET key_version = excluded.key_version,
                    model = excluded.model, response = excluded.response,
                    cost = excluded.cost, created_at = excluded.created_at, hit_count = 0,
                    last_hit_at = NULL
                """, [
                    .text(key.digest), .integer(Int64(ResponseCacheKey.formatVersion)),
                    .text(model.description), .text(try stored.encodedResponse()),
                    stored.cost.map { .text("\($0)") } ?? .null,
                    .real(now().timeIntervalSince1970),
                ])
        } catch {
            onError(error)
        }
    }
}

extension ResponseCacheMode {
    /// Whether the mode answers calls from the cache.
    var isReading: Bool { self == .readWrite || self == .readOnly || self == .replay }
    /// Whether the mode stores responses.
    var isWriting: Bool { self == .readWrite || self == .record }
}
