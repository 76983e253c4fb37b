import Foundation

/// One configuration value, already checked against what its key takes.
public enum ConfigurationValue: Sendable, Hashable, CustomStringConvertible {
    /// Text: a model id, a URL, a path, a key, one of a set of names.
    case string(String)
    /// A whole number: a count, a port.
    case integer(Int)
    /// An exact decimal number: seconds, dollars, a price.
    case number(Decimal)

    /// The value as text, as `ember config get` prints it and as an environment variable
    /// would hold it.
    public var description: String {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): "\(number)"
        }
    }

    /// The value as `JSONSerialization` writes it.
    var jsonObject: Any {
        switch self {
        case .string(let text): text
        case .integer(let number): number
        case .number(let number): NSDecimalNumber(decimal: number)
        }
    }

    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    var integer: Int? {
        if case .integer(let number) = self { number } else { nil }
    }

    var decimal: Decimal? {
        switch self {
        case .number(let number): number
        case .integer(let number): Decimal(number)
        case .string: nil
        }
    }

    var double: Double? { decimal.map { NSDecimalNumber(decimal: $0).doubleValue } }
}

/// Where an effective configuration value came from, from lowest to highest priority.
public enum ConfigurationSource: Sendable, Hashable, CustomStringConvertible {
    /// Ember's built-in default.
    case defaults
    /// A configuration file: the user's (`~/.ember/config.json`) or the project's
    /// (`ember.json`), by path.
    case file(String)
    /// An environment variable, by name.
    case environment(String)
    /// A scoped override made in code (``EmberContext/overriding(_:)``).
    case override

    /// `default`, the file's path (the home directory written `~`), `$NAME`, or `override`.
    public var description: String {
        switch self {
        case .defaults: "default"
        case .file(let path): Self.abbreviatingHome(path)
        case .environment(let name): "$\(name)"
        case .override: "override"
        }
    }

    /// The path with the home directory written `~`.
    static func abbreviatingHome(_ path: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        guard home.count > 1, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}

/// A configuration key: a dotted path such as `providers.openai.timeout`.
///
/// Its segments are kept apart, since some names contain dots themselves: the model id in
/// `models.openai/gpt-4.1.input_price` is the one segment `openai/gpt-4.1`.
public struct ConfigurationKey: Sendable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The path's segments, outermost first.
    public var segments: [String]

    /// A key from its segments, as a JSON file nests them.
    public init(segments: [String]) {
        self.segments = segments
    }

    /// A key written as a dotted path, read against the known keys (so that a model id's
    /// dots stay in its segment); an unknown path is split at every dot.
    public init(_ text: String) {
        self = (try? ConfigurationSchema.resolve(text).key)
            ?? ConfigurationKey(segments: text.split(separator: ".", omittingEmptySubsequences:
                false).map(String.init))
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }

    /// The dotted path.
    public var description: String { segments.joined(separator: ".") }

    /// The key one segment deeper.
    func appending(_ segment: String) -> ConfigurationKey {
        ConfigurationKey(segments: segments + [segment])
    }
}

/// One effective configuration value with where it came from, as `ember config list`
/// shows it.
public struct ConfigurationEntry: Sendable, Hashable {
    /// The key.
    public var key: ConfigurationKey
    /// The effective value, or `nil` when the key has none (no API key, no budget).
    public var value: ConfigurationValue?
    /// Where the value came from (``ConfigurationSource/defaults`` when nothing set it).
    public var source: ConfigurationSource
    /// Whether the value is a credential, to be masked when shown.
    public var isSecret: Bool
    /// What the key means.
    public var help: String

    /// The value as shown to a person: a secret masked (see ``mask(_:)``), `(not set)` for
    /// no value.
    public var displayValue: String {
        guard let value else { return "(not set)" }
        return isSecret ? Self.mask(value.description) : value.description
    }

    /// A secret as it may be shown: a conventional prefix such as `sk-` and, when the secret
    /// is long enough for them not to give much away, its last four characters: `sk-…cdef`.
    public static func mask(_ secret: String) -> String {
        let characters = Array(secret)
        var prefix = ""
        if let dash = characters.prefix(4).firstIndex(of: "-") {
            prefix = String(characters[...dash])
        }
        let tail = characters.count >= 12 ? String(characters.suffix(4)) : ""
        return prefix + "…" + tail
    }
}
