/// Why a schema could not be derived from a type.
///
/// Derivation decodes the type from placeholder values; this error says which type refused
/// them, where it sits in the outer type, and what it threw.
public struct JSONSchemaError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case rejectedPlaceholder(underlying: String)
        case emptyEnumeration
        case directRecursion
    }

    private let code: Code
    /// The name of the type that could not be described.
    public let typeName: String
    /// Where that type sits in the outer one, as `field.field[0]`; empty for the outer type.
    public let fieldPath: String

    private init(_ code: Code, typeName: String, fieldPath: String) {
        self.code = code
        self.typeName = typeName
        self.fieldPath = fieldPath
    }

    /// The type's decoder threw on the placeholder values derivation gives it.
    static func rejectedPlaceholder(typeName: String, fieldPath: String,
                                    underlying: any Error) -> Self {
        Self(.rejectedPlaceholder(underlying: String(describing: underlying)),
             typeName: typeName, fieldPath: fieldPath)
    }

    /// A `CaseIterable` enumeration without cases has no value to describe.
    static func emptyEnumeration(typeName: String, fieldPath: String) -> Self {
        Self(.emptyEnumeration, typeName: typeName, fieldPath: fieldPath)
    }

    /// A type holds itself other than through an array, an optional or a dictionary, so
    /// none of its values is finite.
    static func directRecursion(typeName: String, fieldPath: String) -> Self {
        Self(.directRecursion, typeName: typeName, fieldPath: fieldPath)
    }

    /// A sentence saying which type could not be described and how to make it describable.
    public var description: String {
        let place = fieldPath.isEmpty ? "" : " (at '\(fieldPath)')"
        switch code {
        case .rejectedPlaceholder(let underlying):
            return "The type '\(typeName)'\(place) cannot be described as a JSON schema: its "
                + "decoder rejected the placeholder values used to find its shape "
                + "(\(underlying)). Conform it to SchemaDescribable to state its schema, "
                + "or, for a String enumeration, make it CaseIterable."
        case .emptyEnumeration:
            return "The enumeration '\(typeName)'\(place) has no cases, so no JSON value "
                + "can stand for it; add a case or leave the field out of the type."
        case .directRecursion:
            return "The type '\(typeName)'\(place) contains itself other than through an "
                + "array, an optional or a dictionary, so no finite JSON value fits it; "
                + "make the inner field optional or conform the type to SchemaDescribable."
        }
    }
}
