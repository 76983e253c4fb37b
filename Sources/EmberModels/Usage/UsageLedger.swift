import Foundation

/// The persistent record of every model call: one row per call in a SQLite table, kept
/// across runs, for `ember usage`.
///
/// Each call is one insert, committed before the call's result is used, so a process
/// killed at any moment loses at most the call in flight.
public struct UsageLedger: Sendable {
    private let database: SQLiteDatabase

    /// Totals of one group of calls (a model, a day).
    public struct Group: Sendable, Hashable {
        /// What the group is: a model id, or a day as `YYYY-MM-DD`.
        public var key: String
        /// Its totals.
        public var totals: UsageTotals
    }

    /// How ``totals(by:since:)`` groups calls.
    public enum Grouping: String, Sendable, CaseIterable {
        case model
        case day
        case scope
    }

    /// Opens the ledger in `database`, creating its table if needed.
    public init(database: SQLiteDatabase) throws {
        self.database = database
        try database.execute("""
            CREATE TABLE IF NOT EXISTS usage (
                id INTEGER PRIMARY KEY,
                finished_at REAL NOT NULL,
                model TEXT NOT NULL,
                input_tokens INTEGER,
                output_tokens INTEGER,
                cached_input_tokens INTEGER,
                cache_write_tokens INTEGER,
                reasoning_tokens INTEGER,
                cost TEXT,
                scope TEXT,
                cache_hit INTEGER NOT NULL DEFAULT 0,
                original_cost TEXT
            );
            CREATE INDEX IF NOT EXISTS usage_finished_at ON usage (finished_at);
            """)
        try addMissingColumns()
    }

    /// Adds the columns later versions introduced to a table an earlier version created,
    /// in one transaction, so that two processes opening an old ledger at once add each
    /// column once.
    private func addMissingColumns() throws {
        let added = [
            ("cache_hit", "INTEGER NOT NULL DEFAULT 0"),
            ("original_cost", "TEXT"),
        ]
        try database.transaction { run in
            let existing = Set(try run("PRAGMA table_info(usage)", []).compactMap { $0[1].text })
            for (name, type) in added where !existing.contains(name) {
                _ = try run("ALTER TABLE usage ADD COLUMN \(name) \(type)", [])
            }
        }
    }

    /// Appends one call.
    public func append(_ record: UsageRecord) throws {
        func count(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }
        try database.query("""
            INSERT INTO usage (finished_at, model, input_tokens, output_tokens,
                cached_input_tokens, cache_write_tokens, reasoning_tokens, cost, scope,
                cache_hit, original_cost)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .real(record.date.timeIntervalSince1970), .text(record.model.description),
                count(record.usage?.inputTokens), count(record.usage?.outputTokens),
                count(record.usage?.cachedInputTokens), count(record.usage?.cacheWriteTokens),
                count(record.usage?.reasoningTokens),
                record.cost.map { .text("\($0)") } ?? .null,
                record.scope.map { .text($0) } ?? .null,
                .integer(record.isCacheHit ? 1 : 0),
                record.originalCost.map { .text("\($0)") } ?? .null,
            ])
    }

    /// Totals grouped by model, day (UTC) or scope, over the calls since `date`.
    ///
    /// Costs are summed as exact decimals; a group with a call of unknown cost says so.
    /// Cache hits count as calls of no cost and no tokens, with the dollars they saved.
    public func totals(by grouping: Grouping, since date: Date? = nil) throws -> [Group] {
        let key = switch grouping {
        case .model: "model"
        case .day: "strftime('%Y-%m-%d', finished_at, 'unixepoch')"
        case .scope: "coalesce(scope, '(none)')"
        }
        let rows = try database.query("""
            SELECT \(key), input_tokens, output_tokens, cached_input_tokens,
                cache_write_tokens, reasoning_tokens, cost, cache_hit, original_cost
            FROM usage WHERE finished_at >= ? ORDER BY finished_at
            """, [.real(date?.timeIntervalSince1970 ?? 0)])
        var groups: [String: UsageTotals] = [:]
        var order: [String] = []
        for row in rows {
            let name = row[0].text ?? "?"
            if groups[name] == nil { order.append(name) }
            var usage: TokenUsage?
            if let input = row[1].integer, let output = row[2].integer {
                usage = TokenUsage(
                    inputTokens: Int(input), outputTokens: Int(output),
                    cachedInputTokens: row[3].integer.map(Int.init),
                    cacheWriteTokens: row[4].integer.map(Int.init),
                    reasoningTokens: row[5].integer.map(Int.init))
            }
            let cost = row[6].text.flatMap { Decimal(string: $0) }
            groups[name, default: UsageTotals()].add(
                usage: usage, cost: cost, isCacheHit: row[7].integer == 1,
                originalCost: row[8].text.flatMap { Decimal(string: $0) })
        }
        return order.map { Group(key: $0, totals: groups[$0]!) }
    }
}
