/// Writes log records through a handler, when their level is at least the logger's minimum.
///
/// A logger is a value: copy it to add metadata for one part of the work, such as a run id,
/// without changing the caller's. The default logger discards everything, so library code
/// logs nothing unless the application hands it a logger with a handler. Messages and
/// metadata are autoclosures, evaluated only when the record will be written.
///
/// Messages are constant phrases; what changes goes into metadata under dotted keys
/// (`model.id`, `usage.input_tokens`).
public struct Logger: Sendable {
    /// What the lines come from, such as `ember`.
    public var label: String
    /// The least severe level written; anything below it is skipped without being built.
    public var minimumLevel: LogLevel
    /// Metadata added to every record, under the record's own (which win on a clash).
    public var metadata: LogMetadata
    /// Where the records go.
    public var handler: any LogHandler
    private let isDiscarding: Bool

    /// Creates a logger.
    ///
    /// - Parameters:
    ///   - label: What the lines come from.
    ///   - minimumLevel: The least severe level written (default: info).
    ///   - metadata: Metadata added to every record.
    ///   - handler: Where the records go; by default they are discarded.
    public init(label: String, minimumLevel: LogLevel = .info, metadata: LogMetadata = [:],
                handler: any LogHandler = DiscardingLogHandler()) {
        self.label = label
        self.minimumLevel = minimumLevel
        self.metadata = metadata
        self.handler = handler
        isDiscarding = handler is DiscardingLogHandler
    }

    /// A logger that writes nothing: the default of library types.
    public static let disabled = Logger(label: "ember", minimumLevel: .critical)

    /// Whether a record at `level` would be written.
    public func isEnabled(_ level: LogLevel) -> Bool {
        !isDiscarding && level >= minimumLevel
    }

    /// Writes a record at `level`, if the logger is enabled for it.
    ///
    /// - Parameters:
    ///   - level: How much the record matters.
    ///   - message: A constant phrase; evaluated only if the record is written.
    ///   - metadata: The record's values by dotted key; evaluated only if it is written.
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String,
                    metadata: @autoclosure () -> LogMetadata = [:]) {
        guard isEnabled(level) else { return }
        var merged = self.metadata
        merged.merge(metadata()) { $1 }
        handler.log(LogRecord(level: level, label: label, message: message(),
                              metadata: merged))
    }

    /// Writes a record at trace level: the finest detail, such as each retry's wait.
    public func trace(_ message: @autoclosure () -> String,
                      metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.trace, message(), metadata: metadata())
    }

    /// Writes a record at debug level, such as one line per model call.
    public func debug(_ message: @autoclosure () -> String,
                      metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.debug, message(), metadata: metadata())
    }

    /// Writes a record at info level.
    public func info(_ message: @autoclosure () -> String,
                     metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.info, message(), metadata: metadata())
    }

    /// Writes a record at warning level.
    public func warning(_ message: @autoclosure () -> String,
                        metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.warning, message(), metadata: metadata())
    }

    /// Writes a record at error level.
    public func error(_ message: @autoclosure () -> String,
                      metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.error, message(), metadata: metadata())
    }

    /// A copy of this logger whose records all carry `value` under `key`.
    public func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.metadata[key] = value
        return copy
    }
}

/// A log record's values by dotted key (`model.id`, `usage.input_tokens`).
public typealias LogMetadata = [String: String]
