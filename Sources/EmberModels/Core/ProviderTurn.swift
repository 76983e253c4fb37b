/// A model's turn as its provider wrote it, kept so that the next request can send it back
/// unchanged.
///
/// Some providers hand out state that the normalised text and tool calls cannot carry and
/// that they require to see again: Gemini attaches an opaque `thoughtSignature` to parts of
/// a reply, and Gemini 3 rejects a function-calling turn sent back without them. A response
/// keeps such a turn in ``ModelResponse/providerTurn``; ``ChatMessage/assistant(_:)`` copies
/// it into the next request, and only a provider of the same ``format`` reads it.
public struct ProviderTurn: Sendable, Hashable, Codable {
    /// The wire format of a provider turn.
    public struct Format: RawRepresentable, Sendable, Hashable, Codable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Gemini's `Content.parts`: an array of `Part` objects.
        public static let gemini = Format(rawValue: "gemini")
    }

    /// The wire format ``content`` is in.
    public var format: Format
    /// The turn in that format, exactly as it arrived (object members unordered).
    public var content: JSONValue

    /// Creates a provider turn.
    public init(format: Format, content: JSONValue) {
        self.format = format
        self.content = content
    }
}
