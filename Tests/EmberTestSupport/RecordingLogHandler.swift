import EmberModels
import Synchronization

/// A log handler for tests that keeps every record it is given.
public final class RecordingLogHandler: LogHandler {
    private let recorded = Mutex<[LogRecord]>([])

    /// Creates an empty recorder.
    public init() {}

    public func log(_ record: LogRecord) {
        recorded.withLock { $0.append(record) }
    }

    /// Every record so far, in order.
    public var records: [LogRecord] { recorded.withLock { $0 } }

    /// The records with this message, in order.
    public func records(withMessage message: String) -> [LogRecord] {
        records.filter { $0.message == message }
    }

    /// A logger at `level` that writes here.
    public func logger(level: LogLevel = .trace, label: String = "test") -> Logger {
        Logger(label: label, minimumLevel: level, handler: self)
    }
}
