/// What a streaming model call yields: text as it is generated, then the whole response.
public enum ModelStreamEvent: Sendable, Hashable {
    /// The next piece of generated text.
    case textDelta(String)
    /// The finished response: all the text, the finish reason and usage. Always last.
    case completed(ModelResponse)
}
