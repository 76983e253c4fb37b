/// A model's identity: the provider that serves it and the provider's own name for it,
/// written `provider/model` (`openai/gpt-4o-mini`, `local/smollm2`).
public struct ModelID: Sendable, Hashable, CustomStringConvertible {
    /// The provider's registered name (`openai`, `local`).
    public var provider: String
    /// The model's name at that provider; it may itself contain `/`.
    public var model: String

    /// Creates an id from its parts.
    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    /// Parses `provider/model`.
    ///
    /// Everything after the first `/` is the model name, so `local/org/name.gguf` names the
    /// model `org/name.gguf` at provider `local`.
    ///
    /// - Throws: ``ModelError`` when either part is missing.
    public init(parsing text: String) throws(ModelError) {
        guard let slash = text.firstIndex(of: "/"),
              slash != text.startIndex,
              text.index(after: slash) != text.endIndex
        else {
            throw .invalidModelID(text)
        }
        provider = String(text[..<slash])
        model = String(text[text.index(after: slash)...])
    }

    public var description: String { "\(provider)/\(model)" }
}
