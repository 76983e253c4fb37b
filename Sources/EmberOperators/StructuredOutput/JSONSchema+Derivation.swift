extension JSONSchema {
    /// The schema of a `Decodable` type, found by decoding it from placeholder values.
    ///
    /// Each key the type's `init(from:)` reads becomes a property, in reading order (for a
    /// synthesized conformance, the order of its `CodingKeys`), with the `CodingKeys` name.
    /// A key read with `decodeIfPresent` (an optional property) is not required. `Bool`, the
    /// integer types, `Double`, `Float` and `String` map to JSON's types; arrays, sets and
    /// optionals to arrays and nullable values; `[String: Value]` to an object of free names. `Date` is an ISO 8601 `date-time` string, `UUID` a `uuid`
    /// string, `URL` and `Data` (base64) strings, `Decimal` a number. A `String` enumeration
    /// that is `CaseIterable` lists its raw values; a ``SchemaDescribable`` type gives its
    /// own schema.
    ///
    /// A type that holds itself through an array, an optional or a dictionary (a tree) is
    /// described one level deep; below that, any value is accepted.
    ///
    /// - Throws: ``JSONSchemaError`` naming the type and its place in `type` when a type's
    ///   decoder rejects the placeholder values (one that checks what it reads, or an
    ///   enumeration that is not `CaseIterable`), when an enumeration has no cases, or when a
    ///   type contains itself directly.
    public static func derived<T: Decodable>(from type: T.Type) throws -> JSONSchema {
        try SchemaProbe.schema(of: type)
    }

    /// The top-level fields of a `Decodable` type, with whether each is required.
    ///
    /// This is ``properties`` of ``derived(from:)``: empty for a type that is not decoded
    /// from an object.
    ///
    /// - Throws: ``JSONSchemaError`` when the type cannot be described; see
    ///   ``derived(from:)``.
    public static func fields(of type: any Decodable.Type) throws -> [SchemaField] {
        try derived(from: type).properties
    }
}
