/// Why a model's reply could not be read as the type asked for.
///
/// It carries the reply as it came (``rawText``), so that a caller can show it, log its size
/// or send it back with ``JSONSchema/repairPrompt(for:)``. Its ``description`` does not
/// quote the reply, which may be long or private.
public struct StructuredOutputError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New kinds may be added.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The kind's name.
        public var rawValue: String
        /// Creates a kind from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The kind's name.
        public var description: String { rawValue }

        /// The reply holds no JSON value at all.
        public static let noJSONFound = Kind(rawValue: "no JSON found")
        /// The reply holds JSON, but none of it decodes as the type.
        public static let mismatch = Kind(rawValue: "mismatch")
    }

    private enum Code: Sendable {
        case noJSONFound
        case mismatch(fieldPath: String, problem: String)
    }

    private let code: Code
    /// The model's reply, unchanged.
    public let rawText: String
    /// The name of the type the reply was to be read as.
    public let typeName: String

    private init(_ code: Code, rawText: String, typeName: String) {
        self.code = code
        self.rawText = rawText
        self.typeName = typeName
    }

    /// No JSON value was found in `rawText`.
    static func noJSONFound(rawText: String, typeName: String) -> Self {
        Self(.noJSONFound, rawText: rawText, typeName: typeName)
    }

    /// JSON was found in `rawText`; decoding the first such value as the type failed so.
    static func mismatch(_ error: DecodingError, rawText: String, typeName: String) -> Self {
        let (path, problem) = error.explanation
        return Self(.mismatch(fieldPath: path, problem: problem), rawText: rawText,
                    typeName: typeName)
    }

    /// What kind of failure this is.
    public var kind: Kind {
        switch code {
        case .noJSONFound: .noJSONFound
        case .mismatch: .mismatch
        }
    }

    /// For a mismatch, the field that did not fit, as `owner.emails[0]`; empty when the
    /// whole value did not, `nil` when no JSON was found.
    public var fieldPath: String? {
        guard case .mismatch(let path, _) = code else { return nil }
        return path
    }

    /// What was wrong, as a clause that can follow "because": "the field 'port' should be
    /// an integer (…)".
    public var detail: String {
        switch code {
        case .noJSONFound: "it contains no JSON value"
        case .mismatch(_, let problem): problem
        }
    }

    /// A sentence saying what was wrong with the reply and what to do about it.
    public var description: String {
        let size = "(\(rawText.count) characters)"
        switch code {
        case .noJSONFound:
            return "The model's reply \(size) contains no JSON value to read as "
                + "'\(typeName)'. Ask for JSON in the prompt (JSONSchema.promptDescription) "
                + "or with a response format, and ask again."
        case .mismatch(_, let problem):
            return "The model's reply \(size) holds JSON that does not fit '\(typeName)': "
                + "\(problem). Ask again with the error (JSONSchema.repairPrompt(for:))."
        }
    }
}
