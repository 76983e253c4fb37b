import Foundation

/// What a configuration key takes, and how its value is read from a JSON file and from
/// text (an environment variable, `ember config set`).
enum ValueKind: Sendable, Hashable {
    /// Non-empty text.
    case text
    /// A credential: non-empty text without spaces or control characters (it is sent in an
    /// HTTP header), never shown in full.
    case secret
    /// An `http://` or `https://` URL.
    case url
    /// A file or directory; `~/` is the home directory, and in a file a relative path is
    /// relative to the file's directory.
    case path
    /// A model id, `provider/model`.
    case modelID
    /// A model id or an alias; which aliases exist is checked once every layer is read.
    case modelName
    /// The name of an environment variable.
    case variableName
    /// One of these names, ignoring case.
    case choice([String])
    /// Seconds, above 0.
    case seconds
    /// A whole number of things, above 0.
    case count(String)
    /// A TCP port.
    case port
    /// Dollars, above 0.
    case dollars
    /// Dollars per million tokens, 0 or more.
    case price

    /// What is expected, for error messages.
    var expected: String {
        switch self {
        case .text: "a non-empty string"
        case .secret: "a non-empty string without spaces, tabs, line breaks or other "
            + "control characters"
        case .url: "a URL starting with http:// or https://"
        case .path: "a file or directory path"
        case .modelID: "a model id written provider/model, like openai/gpt-4o-mini"
        case .modelName: "a model id written provider/model, like openai/gpt-4o-mini, or an "
            + "alias ('ember models' lists them; aliases.NAME adds one)"
        case .variableName: "the name of an environment variable, like MY_API_KEY"
        case .choice(let names): names.joined(separator: ", ")
        case .seconds: "a number of seconds above 0"
        case .count(let things): "a whole number of \(things) above 0"
        case .port: "a port number from 1 to 65535"
        case .dollars: "an amount of dollars above 0, like 0.50"
        case .price: "a price in dollars per million tokens, 0 or more, like 0.15"
        }
    }

    /// Whether the value is a JSON string (rather than a number) in a file.
    private var isText: Bool {
        switch self {
        case .text, .secret, .url, .path, .modelID, .modelName, .variableName, .choice: true
        case .seconds, .count, .port, .dollars, .price: false
        }
    }

    /// Where relative paths and `~` lead.
    struct PathBase {
        /// The home directory, for `~/`.
        var home: String
        /// The directory a relative path is relative to, or `nil` to keep it relative.
        var directory: String?
    }

    /// Reads text, trimmed of surrounding whitespace; `nil` if it is not a valid value.
    func parse(text raw: String, paths: PathBase) -> ConfigurationValue? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        switch self {
        case .text:
            return .string(text)
        case .secret:
            return Self.defect(ofSecret: text) == nil ? .string(text) : nil
        case .url:
            let lowered = text.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"),
                  URL(string: text)?.host != nil else { return nil }
            return .string(text)
        case .path:
            return .string(Self.expand(text, paths: paths))
        case .modelID:
            return (try? ModelID(parsing: text)).map { .string($0.description) }
        case .modelName:
            return text.contains(where: \.isWhitespace) ? nil : .string(text)
        case .variableName:
            return text.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) == nil ? nil : .string(text)
        case .choice(let names):
            return names.first { $0.lowercased() == text.lowercased() }.map { .string($0) }
        case .seconds, .dollars:
            guard let number = Self.decimal(text), number > 0 else { return nil }
            return .number(number)
        case .price:
            guard let number = Self.decimal(text), number >= 0 else { return nil }
            return .number(number)
        case .count:
            guard let number = Int(text), number > 0 else { return nil }
            return .integer(number)
        case .port:
            guard let number = Int(text), (1...65535).contains(number) else { return nil }
            return .integer(number)
        }
    }

    /// Reads a value decoded by `JSONSerialization`: a string for text kinds, a number
    /// (not a boolean) for the others; `nil` if it is not a valid value.
    func parse(json: Any, paths: PathBase) -> ConfigurationValue? {
        if isText {
            guard let text = json as? String, !(json is NSNumber) else { return nil }
            return parse(text: text, paths: paths)
        }
        guard let number = json as? NSNumber, !Self.isBoolean(number) else { return nil }
        let double = number.doubleValue
        guard double.isFinite else { return nil }
        switch self {
        case .count, .port:
            guard double == double.rounded(), abs(double) < 1e15 else { return nil }
            return parse(text: String(Int(double)), paths: paths)
        default:
            // Through the shortest text that reads back as the same double, so that 0.075
            // becomes exactly 0.075.
            let text = String(cString: number.objCType) == "d" ? "\(double)" : "\(number)"
            return parse(text: text, paths: paths)
        }
    }

    /// A JSON value as an error message shows it: strings quoted, numbers as written,
    /// objects and arrays by their kind; a secret's text is never shown.
    func show(json: Any, isSecret: Bool) -> String {
        switch json {
        case let number as NSNumber where Self.isBoolean(number):
            return number.boolValue ? "true" : "false"
        case let number as NSNumber:
            return isSecret ? "a number" : "\(number)"
        case let text as String:
            if isSecret {
                if text.isEmpty { return "\"\"" }
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return "a string of \(text.count) characters"
                    + (Self.defect(ofSecret: trimmed).map { " containing \($0)" } ?? "")
            }
            let shown = text.count > 60 ? text.prefix(57) + "…" : Substring(text)
            return "\"" + shown.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case is NSNull:
            return "null"
        case is [Any]:
            return "an array"
        case is [String: Any]:
            return "an object"
        default:
            return "\(json)"
        }
    }

    /// Text as an error message shows it: quoted, a secret never shown, only its length and
    /// what makes it unusable.
    static func show(text: String, isSecret: Bool) -> String {
        guard isSecret else { return text }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return "a secret of \(text.count) characters"
            + (defect(ofSecret: trimmed).map { " containing \($0)" } ?? "")
    }

    /// What makes an already trimmed secret unusable in an HTTP header — the first space or
    /// control character in it, named (`a line feed (LF)`) — or `nil` if it has none.
    ///
    /// A line break in a header value would end the header and start another one, so a key
    /// holding one could smuggle headers into every request.
    static func defect(ofSecret text: String) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": return "a line feed (LF)"
            case "\r": return "a carriage return (CR)"
            case "\t": return "a tab"
            case "\0": return "a NUL character"
            case " ": return "a space"
            default: break
            }
            let category = scalar.properties.generalCategory
            if category == .control || scalar.properties.isWhitespace
                || [.spaceSeparator, .lineSeparator, .paragraphSeparator].contains(category) {
                let code = String(scalar.value, radix: 16, uppercase: true)
                return "the control or space character U+"
                    + String(repeating: "0", count: max(0, 4 - code.count)) + code
            }
        }
        return nil
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSONSerialization reads true and false as NSNumbers of C type char.
        String(cString: number.objCType) == "c"
    }

    /// A decimal number written plainly (`0.5`, `12`, `1e-3`); hexadecimal, infinities
    /// and trailing text are refused.
    private static func decimal(_ text: String) -> Decimal? {
        guard text.wholeMatch(of: /[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/) != nil else {
            return nil
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    private static func expand(_ path: String, paths: PathBase) -> String {
        if path == "~" { return paths.home }
        if path.hasPrefix("~/") {
            return (paths.home as NSString).appendingPathComponent(String(path.dropFirst(2)))
        }
        if let directory = paths.directory, !path.hasPrefix("/") {
            return ((directory as NSString).appendingPathComponent(path) as NSString)
                .standardizingPath
        }
        return path
    }
}
