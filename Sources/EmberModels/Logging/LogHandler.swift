import Foundation

/// Where a logger's records go: standard error, a file, a test's recorder.
///
/// A handler is shared by every copy of a logger and called from any task, so it must be
/// safe to call concurrently. It is only called for records at or above the logger's level.
public protocol LogHandler: Sendable {
    /// Writes one record. Must not suspend or block for long: it runs on the caller's task.
    func log(_ record: LogRecord)
}

/// A handler that discards every record: the default, so that library code logs nothing
/// unless the application asks. A logger with it builds no messages at all.
public struct DiscardingLogHandler: LogHandler {
    /// Creates the handler.
    public init() {}

    public func log(_ record: LogRecord) {}
}

/// A handler that writes each record to standard error as one line
/// (``LogRecord/formattedLine``), in a single write so that lines from concurrent tasks
/// do not interleave.
public struct StandardErrorLogHandler: LogHandler {
    /// Creates the handler.
    public init() {}

    public func log(_ record: LogRecord) {
        FileHandle.standardError.write(Data((record.formattedLine + "\n").utf8))
    }
}
