import EmberData
import EmberModels
import Foundation
import Testing
@testable import EmberEval

@Suite("Run journal")
struct RunJournalTests {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ember-journal-\(UUID().uuidString)").path

    func journal() throws -> RunJournal {
        try RunJournal(database: SQLiteDatabase(path: directory + "/runs.db"))
    }

    let configuration = EvaluationRunConfiguration(
        dataset: "gsm8k", limit: 3, system: "3E,1M", model: "local/smollm2",
        evaluator: "numeric", prompt: "Solve {question}")

    func result(_ id: String, correct: Bool, error: String? = nil) -> EvaluationItemResult {
        EvaluationItemResult(
            recordID: id, subset: "algebra", gold: "4",
            response: error == nil ? "#### \(correct ? 4 : 5)" : nil,
            outcome: error == nil ? EvaluationOutcome(
                isCorrect: correct, extractedAnswer: correct ? "4" : "5",
                explanation: correct ? "matches 4" : "expected 4") : nil,
            error: error, usage: TokenUsage(inputTokens: 10, outputTokens: 3),
            cost: Decimal(string: "0.00125"), latency: .milliseconds(1_250),
            isTruncated: !correct)
    }

    @Test("a run's items come back exactly as written, in the run's order")
    func roundTrip() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try journal()
        let run = try journal.startRun(configuration: configuration, plannedCount: 3)
        let lock = try RunLock.acquire(runID: run.id, at: journal.lockPath(runID: run.id))
        defer { lock.release() }
        try journal.record(result("b", correct: false), position: 1, runID: run.id)
        try journal.record(result("a", correct: true), position: 0, runID: run.id)
        let items = try journal.items(runID: run.id)
        #expect(items == [result("a", correct: true), result("b", correct: false)])
        let entry = try #require(try journal.run(id: run.id))
        #expect(entry.configuration == configuration)
        #expect(entry.finishedCount == 2)
        #expect(entry.correctCount == 1)
        #expect(entry.status == .running)
    }

    @Test("writing an item again replaces it, so a run holds each record once")
    func replaceKeepsOne() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try journal()
        let run = try journal.startRun(configuration: configuration, plannedCount: 1)
        try journal.record(result("a", correct: false, error: "timed out"), position: 0,
                           runID: run.id)
        try journal.record(result("a", correct: true), position: 0, runID: run.id)
        #expect(try journal.items(runID: run.id) == [result("a", correct: true)])
        #expect(try journal.run(id: run.id)?.errorCount == 0)
    }

    @Test("runs are listed newest first with their status and wall time")
    func listing() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try journal()
        let first = try journal.startRun(configuration: configuration, plannedCount: 3,
                                         date: Date(timeIntervalSince1970: 1_000))
        let second = try journal.startRun(configuration: configuration, plannedCount: 3,
                                          date: Date(timeIntervalSince1970: 2_000))
        try journal.update(runID: first.id, status: .complete, wallTime: .seconds(12.5))
        let runs = try journal.runs()
        #expect(runs.map(\.id) == [second.id, first.id])
        #expect(runs[1].status == .complete)
        #expect(runs[1].wallTime == .seconds(12.5))
        #expect(first.id.hasPrefix("19700101-001640-"))
    }

    @Test("a second process sees what the first wrote")
    func sharedFile() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try journal()
        let run = try writer.startRun(configuration: configuration, plannedCount: 2)
        try writer.record(result("a", correct: true), position: 0, runID: run.id)
        let reader = try journal()
        #expect(try reader.items(runID: run.id).map(\.recordID) == ["a"])
    }

    @Test("a run recorded as running whose lock nobody holds reads as interrupted")
    func deadRunIsInterrupted() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try journal()
        let run = try journal.startRun(configuration: configuration, plannedCount: 3)
        // No lock file at all: the process died before it took one, or was an older Ember.
        #expect(try journal.run(id: run.id)?.status == .interrupted)
        let lock = try RunLock.acquire(runID: run.id, at: journal.lockPath(runID: run.id))
        #expect(try journal.run(id: run.id)?.status == .running)
        #expect(try journal.runs().first?.status == .running)
        // The lock file stays when its holder is gone, as after `kill -9`.
        lock.release()
        #expect(FileManager.default.fileExists(atPath: journal.lockPath(runID: run.id)))
        #expect(try journal.run(id: run.id)?.status == .interrupted)
        // A run that ended says how, whether or not a lock is held.
        try journal.update(runID: run.id, status: .budgetExhausted, wallTime: .seconds(1))
        #expect(try journal.run(id: run.id)?.status == .budgetExhausted)
    }

    @Test("an item written with the wall time so far keeps it, as a killed session would")
    func wallTimeWithItems() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try journal()
        let run = try journal.startRun(configuration: configuration, plannedCount: 3)
        try journal.update(runID: run.id, status: .interrupted, wallTime: .seconds(4))
        try journal.record(result("a", correct: true), position: 0, runID: run.id,
                           wallTime: .seconds(6.5))
        try journal.record(result("b", correct: true), position: 1, runID: run.id)
        let entry = try #require(try journal.run(id: run.id))
        #expect(entry.wallTime == .seconds(6.5))
        #expect(entry.finishedCount == 2)
    }

    @Test("a run keeps its items' fingerprint and source; an old journal gains the columns")
    func fingerprintColumns() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A journal as an earlier version wrote it, without the fingerprint columns.
        let database = try SQLiteDatabase(path: directory + "/runs.db")
        try database.execute("""
            CREATE TABLE eval_runs (id TEXT PRIMARY KEY, created_at REAL NOT NULL,
                updated_at REAL NOT NULL, configuration TEXT NOT NULL, planned INTEGER NOT NULL,
                status TEXT NOT NULL, wall_seconds REAL NOT NULL DEFAULT 0, parent_id TEXT);
            """)
        try database.query("""
            INSERT INTO eval_runs VALUES ('old', 1, 1, ?, 3, 'interrupted', 2, NULL)
            """, [.text(configuration.canonicalJSON)])
        let journal = try RunJournal(database: database)
        let old = try #require(try journal.run(id: "old"))
        #expect(old.itemsFingerprint == nil)
        #expect(old.itemsSource == nil)
        let new = try journal.startRun(configuration: configuration, plannedCount: 3,
                                       itemsFingerprint: "abc", itemsSource: "/data/x.jsonl")
        #expect(try journal.run(id: new.id)?.itemsFingerprint == "abc")
        #expect(try journal.run(id: new.id)?.itemsSource == "/data/x.jsonl")
        try journal.setItemsFingerprint("def", source: nil, runID: "old")
        #expect(try journal.run(id: "old")?.itemsFingerprint == "def")
        // Opening it again finds the columns there.
        _ = try self.journal()
    }

    @Test("configurations name the fields in which they differ")
    func differences() {
        var other = configuration
        other.limit = 50
        other.system = "5E,1M"
        #expect(configuration.differences(from: configuration).isEmpty)
        #expect(configuration.differences(from: other) == [
            "limit: 3 → 50", "system: 3E,1M → 5E,1M",
        ])
    }

    @Test("a file's fields compare by value, whatever their order, and differ by key")
    func fieldDifferences() throws {
        // Enough keys that two dictionaries of them rarely iterate in the same order.
        let names = ["question", "answer", "choices", "id", "subset", "answer_kind"]
        var mine = configuration
        mine.fields = Dictionary(uniqueKeysWithValues: names.map { ($0, "f_\($0)") })
        for _ in 0..<20 {
            var same = configuration
            same.fields = Dictionary(uniqueKeysWithValues: names.reversed().map { ($0, "f_\($0)") })
            #expect(mine.differences(from: same).isEmpty)
        }
        var other = mine
        other.fields?["answer"] = "gold"
        let difference = try #require(mine.differences(from: other).first)
        #expect(difference.hasPrefix("fields: {"))
        #expect(difference.contains(#""answer":"f_answer""#))
        #expect(difference.contains(#"→ {"answer":"gold","answer_kind""#))
    }
}
