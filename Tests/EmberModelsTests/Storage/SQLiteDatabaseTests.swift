import Foundation
import Testing
@testable import EmberModels

func temporaryDatabasePath() -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("ember-db-\(UUID().uuidString)/ember.db").path
}

@Suite("SQLite database")
struct SQLiteDatabaseTests {
    @Test("values round-trip through a table; the journal is in WAL mode")
    func roundTrip() throws {
        let database = try SQLiteDatabase(path: temporaryDatabasePath())
        try database.execute("CREATE TABLE t (a INTEGER, b REAL, c TEXT, d TEXT)")
        try database.query("INSERT INTO t VALUES (?, ?, ?, ?)",
                           [.integer(42), .real(2.5), .text("héllo 'quoted'"), .null])
        let rows = try database.query("SELECT a, b, c, d FROM t")
        #expect(rows == [[.integer(42), .real(2.5), .text("héllo 'quoted'"), .null]])
        #expect(try database.query("PRAGMA journal_mode") == [[.text("wal")]])
    }

    @Test("a bad statement is an error naming the statement and SQLite's message")
    func badStatement() throws {
        let path = temporaryDatabasePath()
        let database = try SQLiteDatabase(path: path)
        let error = #expect(throws: SQLiteError.self) {
            try database.query("SELECT * FROM missing_table")
        }
        #expect(error?.description.contains("no such table: missing_table") == true)
        #expect(error?.description.contains(path) == true)
    }

    @Test("a failed transaction leaves nothing behind")
    func rollback() throws {
        let database = try SQLiteDatabase(path: temporaryDatabasePath())
        try database.execute("CREATE TABLE t (a INTEGER NOT NULL)")
        #expect(throws: SQLiteError.self) {
            try database.transaction { run in
                _ = try run("INSERT INTO t VALUES (1)", [])
                _ = try run("INSERT INTO t VALUES (NULL)", [])
            }
        }
        #expect(try database.query("SELECT count(*) FROM t") == [[.integer(0)]])
    }

    @Test("a file that is not a database is an error naming it")
    func notADatabase() throws {
        let path = temporaryDatabasePath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SQLiteError.self) { try SQLiteDatabase(path: path) }
        #expect(error?.description.contains(path) == true)
    }
}

@Suite("Usage ledger on disk")
struct UsageLedgerTests {
    let local = ModelID(provider: "local", model: "smollm2")
    let mini = ModelID(provider: "openai", model: "gpt-4o-mini")

    @Test("calls are kept across reopening, totalled by model with exact costs")
    func persistence() throws {
        let path = temporaryDatabasePath()
        do {
            let usage = UsageService(ledger: try UsageLedger(database: SQLiteDatabase(path: path)))
            let reply = ModelResponse(text: "x", finishReason: .stop, usage: TokenUsage(
                inputTokens: 2006, outputTokens: 300, cachedInputTokens: 1920))
            usage.record(reply, model: mini)
            usage.record(reply, model: mini)
            usage.record(ModelResponse(text: "y", finishReason: .stop, usage: nil), model: local)
        }
        let reopened = try UsageLedger(database: SQLiteDatabase(path: path))
        let groups = try reopened.totals(by: .model)
        #expect(groups.map(\.key) == ["openai/gpt-4o-mini", "local/smollm2"])
        let miniTotals = groups[0].totals
        #expect(miniTotals.calls == 2)
        #expect(miniTotals.usage.inputTokens == 4012)
        #expect(miniTotals.usage.cachedInputTokens == 3840)
        // (86 × 0.15 + 1920 × 0.075 + 300 × 0.60) / 10⁶ per call, twice.
        #expect(miniTotals.cost == Decimal(string: "0.0006738"))
        #expect(groups[1].totals.cost == nil)
        #expect(try reopened.totals(by: .day).count == 1)
        #expect(try reopened.totals(by: .model, since: Date() + 3600).isEmpty)
    }

    @Test("scopes group the calls of one run")
    func scopes() async throws {
        let ledger = try UsageLedger(database: SQLiteDatabase(path: temporaryDatabasePath()))
        let usage = UsageService(ledger: ledger)
        let reply = ModelResponse(text: "x", finishReason: .stop,
                                  usage: TokenUsage(inputTokens: 1, outputTokens: 1))
        await usage.withScope("run A") {
            usage.record(reply, model: local)
            usage.record(reply, model: local)
        }
        usage.record(reply, model: local)
        let groups = try ledger.totals(by: .scope)
        #expect(groups.map(\.key) == ["run A", "(none)"])
        #expect(groups.map(\.totals.calls) == [2, 1])
    }
}
