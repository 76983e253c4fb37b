import EmberModels

extension PromptSpecification {
    /// Whether the reply is read as JSON of ``outputSchema``, not taken as text.
    public var isStructured: Bool { outputSchema != nil }

    /// Reads a reply as the output.
    ///
    /// When `Output` is `String` the reply is the output, as it came. Otherwise the first
    /// JSON value in it that fits (fenced or not) is decoded; see ``StructuredOutputDecoder``.
    ///
    /// - Throws: ``StructuredOutputError`` with the reply when no JSON in it fits `Output`.
    public func decode(_ reply: String) throws(StructuredOutputError) -> Output {
        if outputSchema == nil, let text = reply as? Output { return text }
        return try StructuredOutputDecoder().decode(Output.self, from: reply)
    }

    /// The message to send after a reply that ``decode(_:)`` could not read: what was wrong
    /// and the shape again. Send the reply itself as the assistant turn before it.
    public func repairPrompt(for error: StructuredOutputError) -> String {
        guard let outputSchema else {
            return "Your last reply could not be used because \(error.detail). Reply again."
        }
        return outputSchema.repairPrompt(for: error)
    }

    /// The output's schema and the response format asking for it, or neither for `String`.
    static func outputShape(template: String)
        throws(PromptError) -> (schema: JSONSchema?, responseFormat: ResponseFormat?)
    {
        guard Output.self != String.self else { return (nil, nil) }
        let typeName = String(describing: Output.self)
        let schema: JSONSchema
        do {
            schema = try JSONSchema.derived(from: Output.self)
        } catch {
            throw .unreadableType(typeName, reason: "\(error)", template: template)
        }
        let isStrict = schema.kind == .object && schema.dictionaryValue == nil
            && schema.isStrictCompatible
        let format = ResponseFormat.jsonSchema(
            name: schemaName(for: typeName),
            schema: isStrict ? schema.strictJSONValue : schema.jsonValue,
            isStrict: isStrict)
        return (schema, format)
    }

    /// `typeName` as a schema name providers accept: letters, digits, `_` and `-`, at most
    /// 64 of them. Each run of other characters becomes one `_`; `Array<Item>` is
    /// `Array_Item`.
    static func schemaName(for typeName: String) -> String {
        var name = ""
        for scalar in typeName.unicodeScalars {
            let isAllowed = scalar.isASCII
                && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || scalar == "_" || scalar == "-")
            if isAllowed {
                name.unicodeScalars.append(scalar)
            } else if !name.isEmpty && !name.hasSuffix("_") {
                name += "_"
            }
        }
        while name.hasSuffix("_") { name.removeLast() }
        return name.isEmpty ? "Output" : String(name.prefix(64))
    }
}

extension JSONSchema {
    /// Whether OpenAI's strict mode accepts this schema: every value has a type, no object
    /// has free member names, and every array says what its items are.
    fileprivate var isStrictCompatible: Bool {
        guard let kind, dictionaryValue == nil else { return false }
        switch kind {
        case .object: return properties.allSatisfy(\.schema.isStrictCompatible)
        case .array: return items?.isStrictCompatible ?? false
        case .string, .integer, .number, .boolean: return true
        }
    }
}
