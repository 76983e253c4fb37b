import EmberModels

extension JSONSchema {
    /// Instructions to append to a prompt, asking for a reply of this shape and nothing else.
    ///
    /// ```text
    /// Reply with only a JSON object of this shape, and no other text:
    /// {
    ///   "service": string,
    ///   "port": integer,
    ///   "level": "low" | "high",
    ///   "note"?: string
    /// }
    /// Members marked ? may be left out.
    /// ```
    public var promptDescription: String {
        var lines = ["Reply with only \(noun) of this shape, and no other text:"]
        if let summary { lines.append(summary) }
        lines.append(shapeDescription)
        if hasOptionalMembers { lines.append("Members marked ? may be left out.") }
        return lines.joined(separator: "\n")
    }

    /// The shape alone, in a compact notation that reads like JSON: members in reading
    /// order, `?` after an optional member's name, types by name (`string`, `integer`,
    /// `number`, `boolean`), an enumeration's values joined by `|`, and each member's
    /// summary as a `//` comment.
    public var shapeDescription: String {
        shape(indentation: "")
    }

    /// The message to send after a reply that could not be read: what was wrong, and the
    /// shape again.
    ///
    /// Send the model's reply as the assistant turn before it, so that the model sees what
    /// it wrote; the message does not repeat it.
    ///
    /// ```swift
    /// messages += [ChatMessage(role: .assistant, content: error.rawText),
    ///              .user(schema.repairPrompt(for: error))]
    /// ```
    public func repairPrompt(for error: StructuredOutputError) -> String {
        "Your last reply could not be used because \(error.detail). " + promptDescription
    }

    private var noun: String {
        switch kind {
        case .object where dictionaryValue == nil: "a JSON object"
        case .array: "a JSON array"
        default: "a JSON value"
        }
    }

    private var hasOptionalMembers: Bool {
        properties.contains { !$0.isRequired || $0.schema.hasOptionalMembers }
            || items?.hasOptionalMembers == true
            || dictionaryValue?.hasOptionalMembers == true
    }

    private func shape(indentation: String) -> String {
        let text: String
        if !allowedValues.isEmpty {
            text = allowedValues.map { JSONValue.string($0).jsonText }.joined(separator: " | ")
        } else {
            switch kind {
            case .string: text = format.map { "string (\($0))" } ?? "string"
            case .integer: text = "integer"
            case .number: text = "number"
            case .boolean: text = "boolean"
            case .array:
                text = "[" + (items?.shape(indentation: indentation) ?? "any") + ", ...]"
            case .object: text = objectShape(indentation: indentation)
            case nil: text = "any JSON value"
            }
        }
        return isNullable ? text + " | null" : text
    }

    private func objectShape(indentation: String) -> String {
        if let dictionaryValue {
            return "{\"<name>\": " + dictionaryValue.shape(indentation: indentation) + ", ...}"
        }
        guard !properties.isEmpty else { return "{}" }
        let inner = indentation + "  "
        let members = properties.enumerated().map { offset, field in
            let name = JSONValue.string(field.name).jsonText + (field.isRequired ? "" : "?")
            let comma = offset == properties.count - 1 ? "" : ","
            let comment = field.schema.summary.map { "  // " + $0 } ?? ""
            return inner + name + ": " + field.schema.shape(indentation: inner) + comma + comment
        }
        return (["{"] + members + [indentation + "}"]).joined(separator: "\n")
    }
}
