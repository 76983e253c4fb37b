import EmberModels

extension JSONSchema {
    /// The schema as a JSON Schema document, to send as a ``ResponseFormat``.
    ///
    /// A nullable type is `"type": ["string", "null"]`; an enumeration is `"enum"`; an object
    /// of known members lists them in `properties`, the required ones in `required` (in
    /// reading order), and sets `additionalProperties` to `false`. Member order is not kept
    /// in `properties`, as ``JSONValue`` objects have none.
    public var jsonValue: JSONValue {
        document(isStrict: false)
    }

    /// The schema in the form OpenAI's strict mode accepts: every member of every object is
    /// required, and one that may be left out accepts `null` instead.
    ///
    /// A reply that fits it decodes with the original type, since `decodeIfPresent` reads
    /// `null` as absent. Strict mode refuses dictionaries (objects of free member names).
    public var strictJSONValue: JSONValue {
        document(isStrict: true)
    }

    /// ``jsonValue`` as compact JSON text, object keys sorted.
    public var jsonText: String {
        jsonValue.jsonText
    }

    private func document(isStrict: Bool) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if let kind {
            let name = JSONValue.string(kind.rawValue)
            members["type"] = isNullable ? .array([name, .string("null")]) : name
        }
        if !allowedValues.isEmpty {
            let values = allowedValues.map(JSONValue.string)
            members["enum"] = .array(isNullable ? values + [.null] : values)
        }
        if let format { members["format"] = .string(format) }
        if let summary { members["description"] = .string(summary) }
        if let items { members["items"] = items.document(isStrict: isStrict) }
        if let dictionaryValue {
            members["additionalProperties"] = dictionaryValue.document(isStrict: isStrict)
        } else if kind == .object {
            members.merge(objectMembers(isStrict: isStrict)) { $1 }
        }
        return .object(members)
    }

    private func objectMembers(isStrict: Bool) -> [String: JSONValue] {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for field in self.properties {
            var schema = field.schema
            if isStrict && !field.isRequired { schema.isNullable = true }
            properties[field.name] = schema.document(isStrict: isStrict)
            if isStrict || field.isRequired { required.append(.string(field.name)) }
        }
        return ["properties": .object(properties), "required": .array(required),
                "additionalProperties": .bool(false)]
    }
}
