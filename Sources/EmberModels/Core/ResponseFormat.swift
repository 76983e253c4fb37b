/// The form a model's reply must take: free text, any JSON object, or JSON that fits a schema.
///
/// Providers that can constrain their output send it: OpenAI-compatible chat completions as
/// `response_format`, the Responses API as `text.format`, Gemini as `responseMimeType` and
/// `responseJsonSchema`. The Anthropic messages API has no such setting, so there it is not
/// sent; describe the shape in the prompt as well, which helps every provider.
///
/// A constraint is a request, not a guarantee: a server that ignores it, a reply cut short by
/// the token limit or a refusal still returns text that does not parse. Decode the reply
/// tolerantly and be ready to ask again.
public struct ResponseFormat: Sendable, Hashable {
    private enum Code: Sendable, Hashable {
        case text
        case jsonObject
        case jsonSchema(name: String, schema: JSONValue, isStrict: Bool)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// Free text, the providers' default; nothing is sent for it.
    public static let text = ResponseFormat(.text)

    /// Any JSON object ("JSON mode"). OpenAI requires the word "JSON" in the conversation
    /// when this is asked for.
    public static let jsonObject = ResponseFormat(.jsonObject)

    /// JSON that fits `schema`.
    ///
    /// - Parameters:
    ///   - name: A name for the schema, such as the type it describes. OpenAI accepts letters,
    ///     digits, `_` and `-`, at most 64 of them.
    ///   - schema: A JSON Schema, as a JSON value.
    ///   - isStrict: Whether the provider must follow the schema exactly. OpenAI's strict mode
    ///     accepts only schemas whose properties are all required and whose objects forbid
    ///     other properties; it refuses the request otherwise.
    public static func jsonSchema(name: String, schema: JSONValue, isStrict: Bool)
        -> ResponseFormat
    {
        ResponseFormat(.jsonSchema(name: name, schema: schema, isStrict: isStrict))
    }

    /// Whether the reply must be JSON (an object or a value fitting a schema).
    public var isJSON: Bool { code != .text }

    /// The schema's name, for a schema format.
    public var schemaName: String? {
        guard case .jsonSchema(let name, _, _) = code else { return nil }
        return name
    }

    /// The schema, for a schema format.
    public var schema: JSONValue? {
        guard case .jsonSchema(_, let schema, _) = code else { return nil }
        return schema
    }

    /// Whether the provider must follow the schema exactly; `false` for other formats.
    public var isStrict: Bool {
        guard case .jsonSchema(_, _, let isStrict) = code else { return false }
        return isStrict
    }
}
