import Foundation

/// One line to log: when, how severe, from what, the message and its metadata.
public struct LogRecord: Sendable, Hashable {
    /// When the record was made.
    public var date: Date
    /// How much it matters.
    public var level: LogLevel
    /// The label of the logger that made it.
    public var label: String
    /// A constant phrase.
    public var message: String
    /// The values, by dotted key, the logger's own included.
    public var metadata: LogMetadata

    /// Creates a record.
    public init(date: Date = Date(), level: LogLevel, label: String, message: String,
                metadata: LogMetadata = [:]) {
        self.date = date
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
    }

    /// The record as one line, without a line break: the time in UTC (ISO 8601, in
    /// milliseconds), the level, the label, the message and the metadata as `key=value`
    /// pairs sorted by key.
    ///
    /// A value is written in double quotes, with `"`, `\` and control characters escaped,
    /// when it is empty or holds a space, a quote, `=` or a control character, so that
    /// every line splits back into the same pairs. A line break in the message is
    /// escaped too: a record is always one line.
    public var formattedLine: String {
        var line = date.formatted(Self.timeFormat) + " " + level.description + " " + label
            + ": " + Self.escapingControlCharacters(message)
        for key in metadata.keys.sorted() {
            line += " " + key + "=" + Self.quotedIfNeeded(metadata[key] ?? "")
        }
        return line
    }

    private static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains {
            $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\"
                || $0.properties.generalCategory == .control
        }
        guard needsQuotes else { return value }
        let escaped = escapingControlCharacters(
            value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\""))
        return "\"" + escaped + "\""
    }

    private static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
