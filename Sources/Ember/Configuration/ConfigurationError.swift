import Foundation

/// A configuration Ember cannot use: a file that is not JSON, an unknown key, a value of the
/// wrong type. The description names the file (or variable), the key and what is expected.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Hashable {
        /// The value, shown as written (JSON in a file, text elsewhere), is not one the key
        /// takes.
        case invalidValue(shown: String, expected: String)
        /// No such key; close names first, then the keys that do exist at that level.
        case unknownKey(suggestions: [String], known: [String])
        /// The key names a section, not a value; the keys inside it.
        case section(known: [String])
        /// A name chosen by the user (an endpoint, a model id, an alias) that cannot be used.
        case invalidName(shown: String, expected: String)
        /// A value that must be given is missing.
        case missingValue(expected: String)
        /// The file is not valid JSON, at a line and column when Foundation says where.
        case invalidJSON(detail: String, line: Int?, column: Int?)
        /// The file cannot be read or written.
        case inaccessible(detail: String)
    }

    /// Where the configuration came from, or `nil` for a key or value typed on the command
    /// line.
    public var source: ConfigurationSource?
    /// The key, as a dotted path, or `nil` when the problem is the whole file.
    public var key: String?
    /// What is wrong.
    public var problem: Problem

    /// Creates an error.
    public init(source: ConfigurationSource?, key: String?, problem: Problem) {
        self.source = source
        self.key = key
        self.problem = problem
    }

    public var description: String {
        if case .environment(let variable) = source,
           case .invalidValue(let shown, let expected) = problem {
            return "The environment variable \(variable) is '\(shown)'; expected \(expected)."
        }
        let prefix = switch source {
        case nil: ""
        case .override: "In a scoped override: "
        case let source?: "\(source): "
        }
        return prefix + message
    }

    /// The description without the source.
    public var message: String {
        let key = self.key ?? "the configuration"
        switch problem {
        case .invalidValue(let shown, let expected):
            return self.key == nil ? "the top level is \(shown); expected \(expected)."
                : "\(key) is \(shown); expected \(expected)."
        case .unknownKey(let suggestions, let known):
            if !suggestions.isEmpty {
                return "unknown key \(key); did you mean "
                    + suggestions.joined(separator: " or ") + "?"
            }
            return "unknown key \(key)"
                + (known.isEmpty ? "." : "; known keys there: \(known.joined(separator: ", ")).")
        case .section(let known):
            return "\(key) is a section, not a value; its keys: "
                + known.joined(separator: ", ") + "."
        case .invalidName(let shown, let expected):
            return "\(key) uses the name \(shown); expected \(expected)."
        case .missingValue(let expected):
            return "\(key) is missing; expected \(expected)."
        case .invalidJSON(let detail, let line?, let column?):
            return "not valid JSON at line \(line), column \(column): \(detail)."
        case .invalidJSON(let detail, _, _):
            return "not valid JSON: \(detail)."
        case .inaccessible(let detail):
            return detail
        }
    }
}

/// The name the environment-only settings used for their errors.
public typealias EmberSettingsError = ConfigurationError

extension ConfigurationError {
    /// The error for JSON that `JSONSerialization` rejected, with the line and column of the
    /// offset its message gives (`around character 19`, or `around line 3, column 8`).
    static func invalidJSON(_ error: any Error, data: Data, source: ConfigurationSource)
        -> ConfigurationError
    {
        let message = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)
            ?? (error as NSError).localizedDescription
        var detail = message
        var line: Int?
        var column: Int?
        if let match = message.firstMatch(of: /\s*around line (\d+), column (\d+)\.?/) {
            (line, column) = (Int(match.1), Int(match.2))
            detail.removeSubrange(match.range)
        } else if let match = message.firstMatch(of: /\s*around character (\d+)\.?/),
                  let offset = Int(match.1) {
            (line, column) = lineAndColumn(ofByte: offset, in: data)
            detail.removeSubrange(match.range)
        }
        detail = detail.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return ConfigurationError(
            source: source, key: nil,
            problem: .invalidJSON(detail: detail.isEmpty ? "unreadable" : detail,
                                  line: line, column: column))
    }

    /// The 1-based line and column of a 0-based byte offset.
    private static func lineAndColumn(ofByte offset: Int, in data: Data) -> (Int, Int) {
        let prefix = data.prefix(max(0, min(offset, data.count)))
        let line = prefix.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? prefix.startIndex
        let column = String(decoding: prefix[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }
}
