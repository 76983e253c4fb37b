import EmberModels
import Foundation

/// The persistent record of evaluation runs: one row per run and one per finished item, in
/// SQLite, written as each item finishes.
///
/// Every item is one committed insert, so a process killed at any moment loses at most the
/// items still in flight; the journal is in WAL mode, so `ember runs` can read it while a run
/// writes. An item is keyed by its run and its record's stable id, so writing an item twice
/// (a resumed run retrying a failed call) replaces it: a run holds every item at most once.
///
/// A process evaluating a run holds its ``RunLock`` (at ``lockPath(runID:)``); a run recorded
/// as running whose lock nobody holds was stopped without a word (`kill -9`, a crash), and is
/// read back as interrupted.
public struct RunJournal: Sendable {
    private let database: SQLiteDatabase

    /// The database file.
    public var path: String { database.path }

    /// Opens the journal in `database`, creating its tables if needed.
    public init(database: SQLiteDatabase) throws {
        self.database = database
        try database.execute("""
            CREATE TABLE IF NOT EXISTS eval_runs (
                id TEXT PRIMARY KEY,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                configuration TEXT NOT NULL,
                planned INTEGER NOT NULL,
                status TEXT NOT NULL,
                wall_seconds REAL NOT NULL DEFAULT 0,
                parent_id TEXT,
                items_fingerprint TEXT,
                items_source TEXT
            );
            CREATE TABLE IF NOT EXISTS eval_items (
                run_id TEXT NOT NULL REFERENCES eval_runs (id),
                record_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                finished_at REAL NOT NULL,
                is_correct INTEGER NOT NULL,
                has_error INTEGER NOT NULL,
                result TEXT NOT NULL,
                PRIMARY KEY (run_id, record_id)
            );
            """)
        try addMissingColumns()
    }

    /// Adds the columns that journals written by earlier versions lack.
    private func addMissingColumns() throws {
        let columns = Set(try database.query("PRAGMA table_info(eval_runs)").compactMap {
            $0[1].text
        })
        for column in ["items_fingerprint", "items_source"] where !columns.contains(column) {
            do {
                try database.execute("ALTER TABLE eval_runs ADD COLUMN \(column) TEXT")
            } catch let error as SQLiteError where error.message.contains("duplicate column") {
                // Another process added it first.
            }
        }
    }

    /// The lock file a process evaluating run `runID` holds: `runs/<run-id>/run.lock` beside
    /// the database, in the run's report directory.
    public func lockPath(runID: String) -> String {
        let base = (database.path as NSString).deletingLastPathComponent
        return NSString.path(withComponents: [base, "runs", runID, "run.lock"])
    }

    /// Starts a run: records its configuration and how many items it plans.
    ///
    /// - Parameters:
    ///   - configuration: What the run is; a resume must match it.
    ///   - plannedCount: How many items the run sets out to evaluate.
    ///   - parentID: The run this one derives from (a re-scoring), if any.
    ///   - itemsFingerprint: The ``ItemFingerprint`` of the planned items, which a resume
    ///     must match.
    ///   - itemsSource: Where the items were read from, to name on a mismatch.
    ///   - date: When the run starts.
    /// - Returns: The new run, with an id that sorts by start time.
    public func startRun(configuration: EvaluationRunConfiguration, plannedCount: Int,
                         parentID: String? = nil, itemsFingerprint: String? = nil,
                         itemsSource: String? = nil, date: Date = Date()) throws -> RunEntry {
        let entry = RunEntry(id: Self.newRunID(at: date), createdAt: date, updatedAt: date,
                             configuration: configuration, plannedCount: plannedCount,
                             status: .running, wallTime: .zero, parentID: parentID,
                             finishedCount: 0, correctCount: 0, errorCount: 0,
                             itemsFingerprint: itemsFingerprint, itemsSource: itemsSource)
        try database.query("""
            INSERT INTO eval_runs (id, created_at, updated_at, configuration, planned, status,
                wall_seconds, parent_id, items_fingerprint, items_source)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
            """, [
                .text(entry.id), .real(date.timeIntervalSince1970),
                .real(date.timeIntervalSince1970), .text(configuration.canonicalJSON),
                .integer(Int64(plannedCount)), .text(RunEntry.Status.running.rawValue),
                parentID.map { .text($0) } ?? .null, itemsFingerprint.map { .text($0) } ?? .null,
                itemsSource.map { .text($0) } ?? .null,
            ])
        return entry
    }

    /// Records the fingerprint of a run's items, for a run begun before runs had one.
    public func setItemsFingerprint(_ fingerprint: String, source: String?,
                                    runID: String) throws {
        try database.query(
            "UPDATE eval_runs SET items_fingerprint = ?, items_source = ? WHERE id = ?",
            [.text(fingerprint), source.map { .text($0) } ?? .null, .text(runID)])
    }

    /// Writes one finished item, replacing an earlier result for the same record.
    ///
    /// - Parameters:
    ///   - position: The item's place in the run's order of records.
    ///   - wallTime: The run's wall time so far, every session included; when given, it is
    ///     stored with the item in one transaction, so a session that is killed keeps the
    ///     time up to its last finished item.
    public func record(_ result: EvaluationItemResult, position: Int, runID: String,
                       wallTime: Duration? = nil, date: Date = Date()) throws {
        let encoded = try Self.encoder.encode(result)
        try database.transaction { run in
            _ = try run("""
                INSERT OR REPLACE INTO eval_items (run_id, record_id, position, finished_at,
                    is_correct, has_error, result)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [
                    .text(runID), .text(result.recordID), .integer(Int64(position)),
                    .real(date.timeIntervalSince1970), .integer(result.isCorrect ? 1 : 0),
                    .integer(result.error == nil ? 0 : 1),
                    .text(String(decoding: encoded, as: UTF8.self)),
                ])
            if let wallTime {
                _ = try run("UPDATE eval_runs SET wall_seconds = ? WHERE id = ?",
                            [.real(wallTime.seconds), .text(runID)])
            }
        }
    }

    /// Records where a run stands: its status and the wall time spent on it so far.
    public func update(runID: String, status: RunEntry.Status, wallTime: Duration,
                       date: Date = Date()) throws {
        try database.query(
            "UPDATE eval_runs SET status = ?, wall_seconds = ?, updated_at = ? WHERE id = ?",
            [.text(status.rawValue), .real(wallTime.seconds), .real(date.timeIntervalSince1970),
             .text(runID)])
    }

    /// The run with id `id`, or `nil` when there is none.
    public func run(id: String) throws -> RunEntry? {
        try entries(where: "WHERE r.id = ?", [.text(id)]).first
    }

    /// Every run, the most recent first.
    public func runs(limit: Int = 50) throws -> [RunEntry] {
        try entries(where: "", [], limit: limit)
    }

    /// The items a run has finished, in the run's order of records.
    public func items(runID: String) throws -> [EvaluationItemResult] {
        let rows = try database.query(
            "SELECT record_id, result FROM eval_items WHERE run_id = ? ORDER BY position",
            [.text(runID)])
        return try rows.map { row in
            do {
                return try JSONDecoder().decode(EvaluationItemResult.self,
                                                from: Data((row[1].text ?? "").utf8))
            } catch {
                throw JournalError.unreadableItem(runID: runID, recordID: row[0].text ?? "?",
                                                  path: database.path)
            }
        }
    }

    private func entries(where clause: String, _ bindings: [SQLiteValue],
                         limit: Int = 1) throws -> [RunEntry] {
        let rows = try database.query("""
            SELECT r.id, r.created_at, r.updated_at, r.configuration, r.planned, r.status,
                r.wall_seconds, r.parent_id, r.items_fingerprint, r.items_source,
                (SELECT count(*) FROM eval_items i WHERE i.run_id = r.id),
                (SELECT coalesce(sum(is_correct), 0) FROM eval_items i WHERE i.run_id = r.id),
                (SELECT coalesce(sum(has_error), 0) FROM eval_items i WHERE i.run_id = r.id)
            FROM eval_runs r \(clause) ORDER BY r.created_at DESC, r.id DESC LIMIT ?
            """, bindings + [.integer(Int64(limit))])
        return try rows.map { row in
            let id = row[0].text ?? "?"
            guard let json = row[3].text,
                  let configuration = try? JSONDecoder().decode(
                      EvaluationRunConfiguration.self, from: Data(json.utf8))
            else {
                throw JournalError.unreadableRun(id: id, path: database.path)
            }
            var status = RunEntry.Status(rawValue: row[5].text ?? "") ?? .interrupted
            if status == .running, !RunLock.isHeld(at: lockPath(runID: id)) {
                status = .interrupted
            }
            return RunEntry(
                id: id, createdAt: Date(timeIntervalSince1970: row[1].real ?? 0),
                updatedAt: Date(timeIntervalSince1970: row[2].real ?? 0),
                configuration: configuration, plannedCount: Int(row[4].integer ?? 0),
                status: status, wallTime: .seconds(row[6].real ?? 0), parentID: row[7].text,
                finishedCount: Int(row[10].integer ?? 0),
                correctCount: Int(row[11].integer ?? 0), errorCount: Int(row[12].integer ?? 0),
                itemsFingerprint: row[8].text, itemsSource: row[9].text)
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A run id: the UTC start time to the second and four random hex digits, so ids sort by
    /// time and two runs started in the same second still differ (`20261204-014413-3fa9`).
    static func newRunID(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: date)
        func two(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))-"
            + "\(two(parts.hour))\(two(parts.minute))\(two(parts.second))-"
            + String(repeating: "0", count: 4 - suffix.count) + suffix
    }
}

/// One run in the journal, with its headline counts.
public struct RunEntry: Sendable, Hashable {
    /// Where a run stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Items are being evaluated: a live process holds the run's lock.
        case running
        /// Every planned item finished.
        case complete
        /// The run was stopped (Ctrl-C, or its process died) before every item finished; it
        /// can be resumed.
        case interrupted
        /// The run stopped because its budget would have been exceeded.
        case budgetExhausted = "budget-exhausted"
    }

    /// The run's id, as `ember eval --resume` takes it.
    public var id: String
    /// When the run started.
    public var createdAt: Date
    /// When it last changed status.
    public var updatedAt: Date
    /// What the run is.
    public var configuration: EvaluationRunConfiguration
    /// How many items it set out to evaluate.
    public var plannedCount: Int
    /// Where it stands.
    public var status: Status
    /// Wall time spent on it, over every session that worked on it.
    public var wallTime: Duration
    /// The run it derives from, if any.
    public var parentID: String?
    /// Items finished (failed calls included).
    public var finishedCount: Int
    /// Items scored correct.
    public var correctCount: Int
    /// Items whose call failed.
    public var errorCount: Int
    /// The ``ItemFingerprint`` of the items it planned, or `nil` for a run begun before
    /// runs recorded one.
    public var itemsFingerprint: String? = nil
    /// Where its items were read from (a file or directory), where known.
    public var itemsSource: String? = nil
}

/// A journal that cannot be read back.
public enum JournalError: Error, Sendable, CustomStringConvertible {
    /// A run's stored configuration does not decode.
    case unreadableRun(id: String, path: String)
    /// An item's stored result does not decode.
    case unreadableItem(runID: String, recordID: String, path: String)
    /// No run has this id.
    case unknownRun(id: String, path: String)
    /// A resume under a different configuration from the run's.
    case configurationMismatch(runID: String, differences: [String])
    /// A resume whose dataset no longer gives the items the run began with.
    case itemsChanged(runID: String, details: [String])
    /// Another process is evaluating the run (it holds the run's lock).
    case runInProgress(runID: String, processID: Int32?, lockPath: String)
    /// The run's lock file cannot be created or locked.
    case lockFailed(runID: String, lockPath: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableRun(let id, let path):
            "The configuration of run \(id) in \(path) cannot be read; the journal was written "
                + "by another version of Ember or damaged."
        case .unreadableItem(let runID, let recordID, let path):
            "The result of item \(recordID) of run \(runID) in \(path) cannot be read."
        case .unknownRun(let id, let path):
            "There is no run '\(id)' in \(path); `ember runs` lists the runs."
        case .configurationMismatch(let runID, let differences):
            "Run \(runID) was started with a different configuration, so resuming it would mix "
                + "two experiments: " + differences.joined(separator: "; ")
                + ". Resume with the run's own options, or start a new run."
        case .itemsChanged(let runID, let details):
            "The dataset's items changed since run \(runID) began, so resuming it would mix "
                + "results over different data: " + details.joined(separator: "; ")
                + ". Resume it with the data it began with, or start a new run."
        case .runInProgress(let runID, let processID, let lockPath):
            "Run \(runID) is being run by another process ("
                + (processID.map { "PID \($0)" } ?? "its PID is not yet in \(lockPath)")
                + "); wait for it to finish, or stop it (Ctrl-C, or "
                + (processID.map { "'kill \($0)'" } ?? "kill") + ") and resume the run then."
        case .lockFailed(let runID, let lockPath, let reason):
            "The lock file of run \(runID), \(lockPath), cannot be created or locked "
                + "(\(reason)); check that its directory is writable."
        }
    }
}
