import Foundation
import Testing
@testable import EmberModels

@Suite("Usage ledger: cache hits")
struct UsageLedgerCacheTests {
    @Test("a ledger from before cache hits gains the columns and keeps its rows")
    func migratesAnOldTable() throws {
        let path = temporaryCachePath()
        let database = try SQLiteDatabase(path: path)
        try database.execute("""
            CREATE TABLE usage (
                id INTEGER PRIMARY KEY, finished_at REAL NOT NULL, model TEXT NOT NULL,
                input_tokens INTEGER, output_tokens INTEGER, cached_input_tokens INTEGER,
                cache_write_tokens INTEGER, reasoning_tokens INTEGER, cost TEXT, scope TEXT);
            INSERT INTO usage (finished_at, model, input_tokens, output_tokens, cost)
                VALUES (1, 'openai/gpt-4o-mini', 100, 10, '0.5');
            """)
        let ledger = try UsageLedger(database: database)
        _ = try UsageLedger(database: try SQLiteDatabase(path: path))
        let model = ModelID(provider: "openai", model: "gpt-4o-mini")
        try ledger.append(UsageRecord(
            model: model, usage: TokenUsage(inputTokens: 100, outputTokens: 10), cost: 0,
            scope: nil, date: Date(), isCacheHit: true, originalCost: Decimal(string: "0.5")))
        let groups = try ledger.totals(by: .model)
        let totals = try #require(groups.first { $0.key == model.description }?.totals)
        #expect(totals.calls == 2)
        #expect(totals.cacheHits == 1)
        #expect(totals.cost == Decimal(string: "0.5"))
        #expect(totals.savedCost == Decimal(string: "0.5"))
        #expect(totals.usage == TokenUsage(inputTokens: 100, outputTokens: 10))
    }
}
