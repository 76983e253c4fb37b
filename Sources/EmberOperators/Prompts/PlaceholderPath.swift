import EmberModels

/// A placeholder's name split at its dots: the way from the input to the value it stands for.
///
/// A component names an object member or, as a number, an array item: `{examples.0.text}`.
struct PlaceholderPath: Sendable, Hashable {
    /// The placeholder's name as written, such as `source.title`.
    let name: String
    /// The name's parts, never empty (the template's parser rejects empty parts).
    let components: [String]

    init(_ name: String) {
        self.name = name
        components = name.split(separator: ".", omittingEmptySubsequences: false)
            .map(String.init)
    }

    /// Throws unless the path leads to a value of an input whose top-level fields are
    /// `fields`.
    ///
    /// Each member the path names must exist, and only an array is indexed. Below a
    /// dictionary's value or a value of any shape (such as a tree's deeper levels), nothing
    /// more is known, so nothing more is checked.
    ///
    /// - Throws: ``PromptError/unknownField(_:known:template:)`` listing the paths that
    ///   exist where this one went wrong.
    func check(against fields: [SchemaField], template: String) throws(PromptError) {
        var schema = JSONSchema.object(fields)
        var prefix = ""
        var siblings = fields.map(\.name)
        for component in components {
            if schema.kind == nil { return }
            if let value = schema.dictionaryValue {
                schema = value
            } else if schema.kind == .object {
                siblings = schema.properties.map { prefix + $0.name }
                guard let field = schema.properties.first(where: { $0.name == component })
                else {
                    throw .unknownField(name, known: siblings, template: template)
                }
                schema = field.schema
            } else if schema.kind == .array {
                guard Int(component) != nil else {
                    throw .unknownField(name, known: [prefix + "0", prefix + "1"],
                                        template: template)
                }
                schema = schema.items ?? .any
            } else {
                throw .unknownField(name, known: siblings, template: template)
            }
            prefix += component + "."
        }
    }

    /// The text that stands for the value at this path in `root`.
    ///
    /// A string is itself; a number or a boolean its JSON text; an object or an array
    /// compact JSON with sorted keys; an absent member, an index past the end, or `null`
    /// the empty string.
    func text(in root: JSONValue) -> String {
        var value = root
        for component in components {
            switch value {
            case .object(let members):
                value = members[component] ?? .null
            case .array(let items):
                let index = Int(component).flatMap { items.indices.contains($0) ? $0 : nil }
                value = index.map { items[$0] } ?? .null
            case .null, .bool, .integer, .number, .string:
                value = .null
            }
        }
        switch value {
        case .null: return ""
        case .string(let text): return text
        case .bool, .integer, .number, .array, .object: return value.jsonText
        }
    }
}
