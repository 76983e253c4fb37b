import EmberModels

/// One raw row of a data file, before a dataset gives it meaning: where it is and what it
/// holds.
///
/// Every reader produces rows: a JSON Lines line, an element of a JSON array, a CSV record.
/// A CSV row's fields are strings named by the header, or by the 1-based column number
/// (`"1"`, `"2"`, …) for a file without one.
public struct DatasetRow: Sendable, Hashable {
    /// The file the row was read from.
    public var file: String
    /// The 1-based physical line where the row starts.
    public var line: Int
    /// The 0-based position of the row among the file's rows (blank lines not counted).
    public var index: Int
    /// The row's fields by name.
    public var fields: [String: JSONValue]
    /// A CSV row's values in column order; empty for JSON.
    public var columns: [String]

    /// Creates a row.
    public init(file: String, line: Int, index: Int, fields: [String: JSONValue],
                columns: [String] = []) {
        self.file = file
        self.line = line
        self.index = index
        self.fields = fields
        self.columns = columns
    }

    /// A field as text: a string as it is, a number or a Boolean as written, `nil` for a
    /// missing field, `null`, an array or an object.
    public func string(_ name: String) -> String? {
        fields[name].flatMap(Self.text(of:))
    }

    /// A field that must be present and not blank, as text.
    ///
    /// - Throws: ``DatasetError/missingField(_:path:line:available:)`` naming the file, the
    ///   line, the field and the fields the row has.
    public func required(_ name: String) throws(DatasetError) -> String {
        guard let value = string(name),
              value.contains(where: { !$0.isWhitespace }) else {
            throw missing(name)
        }
        return value
    }

    /// A field that must be present, a JSON string (or CSV text), and not blank.
    ///
    /// - Throws: ``DatasetError`` for a missing or blank field, or one holding a number, a
    ///   Boolean, an array or an object.
    public func requiredString(_ name: String) throws(DatasetError) -> String {
        guard let value = fields[name], value != .null else { throw missing(name) }
        guard case .string(let text) = value else { throw invalid(name, "is not a string") }
        guard text.contains(where: { !$0.isWhitespace }) else { throw missing(name) }
        return text
    }

    /// A field that must be present and a JSON object.
    public func requiredObject(_ name: String) throws(DatasetError) -> [String: JSONValue] {
        guard let value = fields[name] else { throw missing(name) }
        guard case .object(let members) = value else {
            throw invalid(name, "is not a JSON object")
        }
        return members
    }

    /// A field that must be present and a JSON array.
    public func requiredArray(_ name: String) throws(DatasetError) -> [JSONValue] {
        guard let value = fields[name] else { throw missing(name) }
        guard case .array(let elements) = value else {
            throw invalid(name, "is not a JSON array")
        }
        return elements
    }

    /// The error for a required field this row lacks.
    public func missing(_ name: String) -> DatasetError {
        if !columns.isEmpty, let column = Int(name), column > columns.count {
            return DatasetError(code: .missingField, path: file, line: line, field: name,
                                detail: "column \(column) is missing; the row has "
                                    + "\(columns.count) column\(columns.count == 1 ? "" : "s")")
        }
        return .missingField(name, path: file, line: line, available: Array(fields.keys))
    }

    /// The error for a field of this row holding an unusable value.
    ///
    /// - Parameter detail: A clause saying what is wrong and what is accepted ("is 'E', not
    ///   one of A, B, C, D").
    public func invalid(_ name: String, _ detail: String) -> DatasetError {
        .invalidField(name, path: file, line: line, detail: detail)
    }

    /// The text of a scalar JSON value, or `nil` for null, an array or an object.
    static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): number == number.rounded() && abs(number) < 1e15
            ? String(Int(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }
}
