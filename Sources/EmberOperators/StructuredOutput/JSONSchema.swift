/// The shape of a JSON value, as much of JSON Schema as a Swift type's decoding can say.
///
/// Derive one from a `Decodable` type with ``derived(from:)``, or build one with the static
/// constructors (``string(format:)``, ``object(_:)``, ``array(of:)``…) for a type that
/// cannot be derived. Send it to a provider as ``jsonValue`` (or ``strictJSONValue`` for
/// OpenAI's strict mode) and describe it to the model with ``promptDescription``.
///
/// ```swift
/// struct Verdict: Decodable { var verdict: String; var note: String? }
/// let schema = try JSONSchema.derived(from: Verdict.self)
/// schema.properties.map(\.name)      // ["verdict", "note"]
/// schema.properties.map(\.isRequired) // [true, false]
/// ```
public struct JSONSchema: Sendable, Hashable {
    /// The JSON types a schema can name. JSON has no others.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A string.
        case string
        /// A number without a fractional part.
        case integer
        /// Any number.
        case number
        /// `true` or `false`.
        case boolean
        /// An array.
        case array
        /// An object.
        case object
    }

    /// The type of the value; `nil` when any JSON value is accepted.
    public var kind: Kind?
    /// Whether `null` is accepted as well as a value of ``kind``.
    public var isNullable: Bool
    /// For an object of known members: each member, in the order the type decodes them.
    public var properties: [SchemaField]
    /// For a string: the only values accepted, such as an enumeration's raw values; empty
    /// when any string is.
    public var allowedValues: [String]
    /// For a string: a JSON Schema format such as `date-time`, `uri` or `uuid`.
    public var format: String?
    /// A sentence on what the value means, shown to the model.
    public var summary: String?
    // Arrays hold the item and dictionary value schemas, so that the type can hold itself.
    private var itemStorage: [JSONSchema]
    private var dictionaryValueStorage: [JSONSchema]

    /// Creates a schema; prefer the static constructors.
    public init(kind: Kind?, isNullable: Bool = false, properties: [SchemaField] = [],
                items: JSONSchema? = nil, dictionaryValue: JSONSchema? = nil,
                allowedValues: [String] = [], format: String? = nil, summary: String? = nil) {
        self.kind = kind
        self.isNullable = isNullable
        self.properties = properties
        self.allowedValues = allowedValues
        self.format = format
        self.summary = summary
        itemStorage = items.map { [$0] } ?? []
        dictionaryValueStorage = dictionaryValue.map { [$0] } ?? []
    }

    /// For an array: the schema of every item; `nil` when any item is accepted.
    public var items: JSONSchema? {
        get { itemStorage.first }
        set { itemStorage = newValue.map { [$0] } ?? [] }
    }

    /// For an object whose member names are free (a dictionary): the schema of each value.
    public var dictionaryValue: JSONSchema? {
        get { dictionaryValueStorage.first }
        set { dictionaryValueStorage = newValue.map { [$0] } ?? [] }
    }
}

extension JSONSchema {
    /// Any JSON value.
    public static let any = JSONSchema(kind: nil)
    /// `true` or `false`.
    public static let boolean = JSONSchema(kind: .boolean)
    /// A number without a fractional part.
    public static let integer = JSONSchema(kind: .integer)
    /// Any number.
    public static let number = JSONSchema(kind: .number)

    /// A string, of a JSON Schema `format` such as `date-time` when one is given.
    public static func string(format: String? = nil) -> JSONSchema {
        JSONSchema(kind: .string, format: format)
    }

    /// One of these strings, such as the raw values of an enumeration.
    public static func enumeration(_ values: [String]) -> JSONSchema {
        JSONSchema(kind: .string, allowedValues: values)
    }

    /// An array whose items all fit `items`.
    public static func array(of items: JSONSchema) -> JSONSchema {
        JSONSchema(kind: .array, items: items)
    }

    /// An object of these members and no others.
    public static func object(_ properties: [SchemaField]) -> JSONSchema {
        JSONSchema(kind: .object, properties: properties)
    }

    /// An object of any member names, whose values all fit `values`.
    public static func dictionary(of values: JSONSchema) -> JSONSchema {
        JSONSchema(kind: .object, dictionaryValue: values)
    }

    /// This schema, accepting `null` as well.
    public func nullable() -> JSONSchema {
        var copy = self
        copy.isNullable = true
        return copy
    }

    /// This schema, with a sentence on what the value means.
    public func summarized(_ summary: String) -> JSONSchema {
        var copy = self
        copy.summary = summary
        return copy
    }
}
