/// One member of an object schema: its name, its shape, and whether it must be present.
///
/// A field the type decodes with `decodeIfPresent` (an optional property) is not required.
public struct SchemaField: Sendable, Hashable {
    /// The member's name in the JSON, after any `CodingKeys` renaming.
    public var name: String
    /// The member's shape.
    public var schema: JSONSchema
    /// Whether the member must be present for the object to decode.
    public var isRequired: Bool

    /// Creates a field.
    public init(name: String, schema: JSONSchema, isRequired: Bool = true) {
        self.name = name
        self.schema = schema
        self.isRequired = isRequired
    }
}
