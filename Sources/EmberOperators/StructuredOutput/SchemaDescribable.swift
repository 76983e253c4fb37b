/// A type that states its own JSON schema, for when ``JSONSchema/derived(from:)`` cannot
/// find it by decoding.
///
/// Derivation decodes a type from placeholder values and records what it asks for. A type
/// whose decoder checks the values it reads (a port that must be 1–65535, a string that must
/// match a pattern) rejects the placeholders; conform it to this protocol and derivation uses
/// ``jsonSchema`` and ``schemaPlaceholder`` instead of decoding it. A `String` enumeration that
/// is `CaseIterable` needs no conformance: its cases become the schema's allowed values.
///
/// ```swift
/// struct Port: Decodable, SchemaDescribable {
///     var number: Int  // its init(from:) reads one Int and rejects any outside 1...65535
///     static let jsonSchema = JSONSchema.integer.summarized("A TCP port, 1–65535.")
///     static let schemaPlaceholder = Port(number: 80)
/// }
/// ```
public protocol SchemaDescribable: Decodable {
    /// The shape of the type's JSON.
    static var jsonSchema: JSONSchema { get }
    /// Any valid value, handed to the enclosing type's decoder while its schema is derived.
    static var schemaPlaceholder: Self { get }
}
