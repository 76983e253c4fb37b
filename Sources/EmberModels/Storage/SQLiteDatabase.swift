import CSQLite
import Foundation
import Synchronization

/// A value bound to, or read from, a SQLite statement.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value as an integer, or `nil`.
    public var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The value as text, or `nil`.
    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The value as a floating-point number (integers convert), or `nil`.
    public var real: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
}

/// An error from SQLite, with the statement and SQLite's own message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's result code.
    public var code: Int32
    /// SQLite's message.
    public var message: String
    /// The database file.
    public var path: String
    /// The statement that failed, if one did.
    public var statement: String?

    public var description: String {
        var text = "SQLite error \(code) in \(path): \(message)"
        if let statement { text += " (while running: \(statement.prefix(120)))" }
        return text
    }
}

/// One SQLite database file, opened once and shared.
///
/// Every use goes through one connection behind a lock, so the database is safe to share
/// between tasks. The journal is in WAL mode, so readers in other processes never block a
/// writer, and a process killed mid-write loses at most the transaction it was in.
public final class SQLiteDatabase: Sendable {
    private struct Connection: ~Copyable {
        let handle: OpaquePointer

        deinit { sqlite3_close_v2(handle) }
    }

    /// The database file.
    public let path: String
    private let connection: Mutex<Connection>

    /// SQLite's `SQLITE_TRANSIENT`, a C macro Swift does not import: it tells SQLite to copy
    /// bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens (creating if needed) the database at `path`, and its parent directory.
    ///
    /// - Throws: ``SQLiteError`` when the file cannot be opened or is not a database.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory,
                                                    withIntermediateDirectories: true)
        }
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let result = sqlite3_open_v2(path, &handle, flags, nil)
        guard result == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let handle { sqlite3_close_v2(handle) }
            throw SQLiteError(code: result, message: message, path: path)
        }
        sqlite3_busy_timeout(handle, 5000)
        connection = Mutex(Connection(handle: handle))
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
    }

    /// Runs one or more statements that take no parameters.
    public func execute(_ sql: String) throws {
        try connection.withLock { connection in
            var message: UnsafeMutablePointer<CChar>?
            let result = sqlite3_exec(connection.handle, sql, nil, nil, &message)
            guard result == SQLITE_OK else {
                let text = message.map { String(cString: $0) } ?? "unknown error"
                sqlite3_free(message)
                throw SQLiteError(code: result, message: text, path: path, statement: sql)
            }
        }
    }

    /// Runs one statement with parameters and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        try connection.withLock { connection in
            try Self.run(sql, bindings, on: connection.handle, path: path)
        }
    }

    /// Runs `body` inside one transaction: all its writes land, or none do.
    public func transaction<Result>(
        _ body: (_ run: (String, [SQLiteValue]) throws -> [[SQLiteValue]]) throws -> Result
    ) throws -> Result {
        try connection.withLock { connection in
            let handle = connection.handle
            _ = try Self.run("BEGIN IMMEDIATE", [], on: handle, path: path)
            do {
                let result = try body { sql, bindings in
                    try Self.run(sql, bindings, on: handle, path: path)
                }
                _ = try Self.run("COMMIT", [], on: handle, path: path)
                return result
            } catch {
                _ = try? Self.run("ROLLBACK", [], on: handle, path: path)
                throw error
            }
        }
    }

    private static func run(_ sql: String, _ bindings: [SQLiteValue], on handle: OpaquePointer,
                            path: String) throws -> [[SQLiteValue]] {
        func failure(_ code: Int32) -> SQLiteError {
            SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)),
                        path: path, statement: sql)
        }
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw failure(prepared) }
        defer { sqlite3_finalize(statement) }
        for (offset, value) in bindings.enumerated() {
            let index = Int32(offset + 1)
            let bound = switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .text(let text): sqlite3_bind_text(statement, index, text, -1, transient)
            }
            guard bound == SQLITE_OK else { throw failure(bound) }
        }
        var rows: [[SQLiteValue]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw failure(step) }
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: .real(sqlite3_column_double(statement, column))
                case SQLITE_NULL: .null
                default: .text(String(cString: sqlite3_column_text(statement, column)))
                }
            })
        }
        return rows
    }
}
