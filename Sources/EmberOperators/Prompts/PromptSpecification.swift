import EmberModels
import Foundation

/// A typed prompt: a template filled from an `Input` value, and the `Output` type the reply
/// is read as.
///
/// The template's placeholders name the input's fields, as its `CodingKeys` spell them;
/// dotted paths reach into nested values (`{source.title}`) and numbers index arrays
/// (`{examples.0}`). The initializer checks the template against the input type before any
/// model is called: a placeholder that names no field is an error, and so is a required
/// field the template never uses, unless that check is switched off.
///
/// When `Output` is `String`, the reply's text is the output. For any other type the
/// specification derives the output's ``JSONSchema``, asks for it with ``responseFormat``
/// and appends the schema's ``JSONSchema/promptDescription`` to the prompt, so that a
/// provider that cannot constrain its output is still told the shape.
///
/// ```swift
/// struct Question: Codable, Sendable { var question: String; var context: String? }
/// struct Answer: Decodable, Sendable { var answer: String; var confidence: Double }
/// let specification = try PromptSpecification<Question, Answer>(
///     "Answer the question.\n{question}\nContext: {context}")
/// ```
public struct PromptSpecification<Input: Codable & Sendable, Output: Decodable & Sendable>:
    Sendable
{
    /// The user message, before the output's shape is appended.
    public let template: PromptTemplate
    /// The system message sent before the user message, if there is one.
    public let systemPrompt: String?
    /// Whether the initializer required every required input field to appear in the template.
    public let checksRequiredFields: Bool
    /// The input's top-level fields, in the order its type decodes them.
    public let inputFields: [SchemaField]
    /// The output's shape; `nil` when `Output` is `String` and the reply is read as text.
    public let outputSchema: JSONSchema?
    /// The response format sent with each call; `nil` when `Output` is `String`.
    public let responseFormat: ResponseFormat?

    /// Creates a specification, checking `template` against the input type.
    ///
    /// The check runs before any call, so a misspelt placeholder fails here, not in a run.
    ///
    /// - Parameters:
    ///   - template: The user message, with `{field}` placeholders.
    ///   - systemPrompt: A system message to send first, used as written (no placeholders).
    ///   - checksRequiredFields: Whether every required field of `Input` must appear in
    ///     the template, alone or as the start of a dotted path. Optional fields never must.
    /// - Throws: ``PromptError`` naming the placeholder that names no field of `Input`, the
    ///   required field the template leaves out, or the type (`Input` or `Output`) whose
    ///   shape cannot be derived, with the template in each case.
    public init(_ template: PromptTemplate, systemPrompt: String? = nil,
                checksRequiredFields: Bool = true) throws(PromptError) {
        self.template = template
        self.systemPrompt = systemPrompt
        self.checksRequiredFields = checksRequiredFields
        inputFields = try Self.fields(of: Input.self, template: template)

        for placeholder in template.placeholders {
            try PlaceholderPath(placeholder).check(against: inputFields,
                                                   template: template.text)
        }
        if checksRequiredFields {
            try Self.checkRequiredFields(inputFields, areUsedIn: template)
        }

        let output = try Self.outputShape(template: template.text)
        outputSchema = output.schema
        responseFormat = output.responseFormat
    }

    /// Parses `text` as a template and creates a specification from it.
    ///
    /// - Throws: ``PromptError`` for a template that does not parse, then as the
    ///   initializer that takes a ``PromptTemplate`` does.
    public init(_ text: String, systemPrompt: String? = nil,
                checksRequiredFields: Bool = true) throws(PromptError) {
        try self.init(PromptTemplate(text), systemPrompt: systemPrompt,
                      checksRequiredFields: checksRequiredFields)
    }

    /// The user message for `input`: the template filled in, then the output's shape.
    ///
    /// The input is encoded with `JSONEncoder` (dates as ISO 8601 text) and each placeholder
    /// takes the value at its path: strings as they are, numbers and booleans as text,
    /// objects and arrays as compact JSON with sorted keys, and an absent or `null` value
    /// (an optional that is `nil`) as the empty string. `{{` and `}}` become `{` and `}`.
    /// When ``outputSchema`` is set, a blank line and its
    /// ``JSONSchema/promptDescription`` follow.
    ///
    /// - Throws: ``PromptError`` when the input cannot be encoded as a JSON object.
    public func render(_ input: Input) throws(PromptError) -> String {
        let values = try placeholderValues(for: input)
        let text = try template.render(values)
        guard let outputSchema else { return text }
        return text + "\n\n" + outputSchema.promptDescription
    }

    /// The conversation to send for `input`: the system prompt, if any, then ``render(_:)``.
    ///
    /// - Throws: ``PromptError`` when the input cannot be encoded as a JSON object.
    public func messages(for input: Input) throws(PromptError) -> [ChatMessage] {
        let user = ChatMessage.user(try render(input))
        guard let systemPrompt else { return [user] }
        return [.system(systemPrompt), user]
    }

    /// Each placeholder's text for `input`.
    private func placeholderValues(for input: Input) throws(PromptError) -> [String: String] {
        let placeholders = template.placeholders
        guard !placeholders.isEmpty else { return [:] }
        let root = try Self.encodedObject(input, template: template.text)
        var values: [String: String] = [:]
        for placeholder in placeholders {
            values[placeholder] = PlaceholderPath(placeholder).text(in: root)
        }
        return values
    }

    /// `input` as the JSON object it encodes to.
    private static func encodedObject(_ input: Input,
                                      template: String) throws(PromptError) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(input))
        } catch {
            throw .unreadableType(String(describing: Input.self),
                                  reason: "encoding the input value failed (\(error)).",
                                  template: template)
        }
        guard case .object = value else {
            throw .unreadableType(String(describing: Input.self),
                                  reason: "its value encodes as \(value.jsonText), not as a "
                                      + "JSON object with named fields.",
                                  template: template)
        }
        return value
    }

    /// The input's fields, or an error when placeholders have none to name.
    private static func fields(of type: Input.Type,
                               template: PromptTemplate) throws(PromptError) -> [SchemaField] {
        let fields: [SchemaField]
        do {
            fields = try JSONSchema.fields(of: type)
        } catch {
            throw .unreadableType(String(describing: type), reason: "\(error)",
                                  template: template.text)
        }
        if fields.isEmpty && !template.placeholders.isEmpty {
            throw .unreadableType(String(describing: type),
                                  reason: "it has no named fields for the placeholders to "
                                      + "name; use a struct whose properties they name.",
                                  template: template.text)
        }
        return fields
    }

    /// Throws for the first required field that no placeholder starts with.
    private static func checkRequiredFields(_ fields: [SchemaField],
                                            areUsedIn template: PromptTemplate)
        throws(PromptError)
    {
        let used = Set(template.placeholders.map { PlaceholderPath($0).components[0] })
        for field in fields where field.isRequired && !used.contains(field.name) {
            throw .unusedField(field.name, template: template.text)
        }
    }
}
