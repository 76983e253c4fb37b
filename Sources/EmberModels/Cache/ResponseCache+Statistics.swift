import Foundation

extension ResponseCache {
    /// What the cache holds, for `ember cache stats`.
    public struct Statistics: Sendable, Hashable {
        /// The entries of one model.
        public struct ModelEntries: Sendable, Hashable {
            /// The model, as `provider/model`.
            public var model: String
            /// Its entries.
            public var entryCount: Int
            /// The hits its entries served.
            public var hitCount: Int
            /// The dollars those hits did not spend: each entry's original cost once per hit.
            public var savedCost: Decimal
        }

        /// Entries stored, expired ones included.
        public var entryCount = 0
        /// Entries older than the cache's time to live.
        public var expiredCount = 0
        /// Hits served, over every entry.
        public var hitCount = 0
        /// The dollars the hits did not spend, over the entries whose cost is known.
        public var savedCost: Decimal = 0
        /// Hits served by entries whose original cost is unknown.
        public var hitsOfUnknownCost = 0
        /// The cache file's size on disk, with its write-ahead log.
        public var sizeInBytes: Int64 = 0
        /// When the oldest entry was stored.
        public var oldest: Date?
        /// When the newest entry was stored.
        public var newest: Date?
        /// The entries per model, the model with most entries first.
        public var models: [ModelEntries] = []
    }

    /// Counts the cache's entries, hits and savings.
    public func statistics() throws -> Statistics {
        let rows = try database.query(
            "SELECT model, cost, created_at, hit_count FROM response_cache")
        var statistics = Statistics()
        var models: [String: Statistics.ModelEntries] = [:]
        for row in rows {
            let model = row[0].text ?? "?"
            let cost = row[1].text.flatMap { Decimal(string: $0) }
            let createdAt = Date(timeIntervalSince1970: row[2].real ?? 0)
            let hits = Int(row[3].integer ?? 0)
            let saved = (cost ?? 0) * Decimal(hits)
            statistics.entryCount += 1
            statistics.hitCount += hits
            statistics.savedCost += saved
            if cost == nil { statistics.hitsOfUnknownCost += hits }
            if isExpired(createdAt: createdAt) { statistics.expiredCount += 1 }
            statistics.oldest = min(statistics.oldest ?? createdAt, createdAt)
            statistics.newest = max(statistics.newest ?? createdAt, createdAt)
            models[model, default: .init(model: model, entryCount: 0, hitCount: 0,
                                         savedCost: 0)].add(hits: hits, saved: saved)
        }
        statistics.models = models.values.sorted {
            ($0.entryCount, $1.model) > ($1.entryCount, $0.model)
        }
        statistics.sizeInBytes = [path, path + "-wal"].reduce(0) { total, file in
            let size = try? FileManager.default.attributesOfItem(atPath: file)[.size]
            return total + ((size as? NSNumber)?.int64Value ?? 0)
        }
        return statistics
    }

    /// Removes every entry, or only those older than the time to live, and gives the space
    /// back to the file system.
    ///
    /// - Parameter expiredOnly: Whether to keep the entries still valid. With no time to
    ///   live, nothing is expired and nothing is removed.
    /// - Returns: How many entries were removed.
    @discardableResult
    public func clear(expiredOnly: Bool = false) throws -> Int {
        let removed: Int
        if expiredOnly {
            guard let timeToLive else { return 0 }
            let cutoff = now().timeIntervalSince1970 - timeToLive.seconds
            removed = try database.transaction { run in
                let count = try run("SELECT count(*) FROM response_cache WHERE created_at <= ?",
                                    [.real(cutoff)])
                _ = try run("DELETE FROM response_cache WHERE created_at <= ?", [.real(cutoff)])
                return Int(count.first?.first?.integer ?? 0)
            }
        } else {
            removed = try database.transaction { run in
                let count = try run("SELECT count(*) FROM response_cache", [])
                _ = try run("DELETE FROM response_cache", [])
                return Int(count.first?.first?.integer ?? 0)
            }
        }
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
        return removed
    }
}

extension ResponseCache.Statistics.ModelEntries {
    fileprivate mutating func add(hits: Int, saved: Decimal) {
        entryCount += 1
        hitCount += hits
        savedCost += saved
    }
}
