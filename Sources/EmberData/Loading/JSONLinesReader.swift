import Foundation

/// Reads a JSON Lines file: one JSON object per line.
///
/// Blank lines and a leading byte-order mark are skipped. Line numbers count from 1 and
/// count every line, blank ones included, so they match an editor's.
public struct JSONLinesReader: Sendable {
    /// The file read.
    public let path: String

    /// Creates a reader of the file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Decodes every non-blank line as `T`.
    ///
    /// - Returns: Each decoded value with its line number.
    /// - Throws: ``DatasetError`` naming the file, and the line for a line that does not
    ///   decode.
    public func decode<T: Decodable>(_ type: T.Type) throws(DatasetError)
        -> [(line: Int, value: T)]
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingFile(path, detail: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw .unreadableFile(path, detail: "it is a directory, not a JSON Lines file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path, detail: "permission denied or an I/O error")
        }
        return try decode(type, from: data)
    }

    /// Decodes JSON Lines from bytes already read; errors name ``path``.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(DatasetError)
        -> [(line: Int, value: T)]
    {
        let decoder = JSONDecoder()
        var values: [(line: Int, value: T)] = []
        var lineNumber = 0
        for content in Self.lines(of: data) {
            lineNumber += 1
            guard let content else { continue }
            do {
                values.append((lineNumber, try decoder.decode(T.self, from: Data(content))))
            } catch {
                throw .malformedLine(path, line: lineNumber, detail: Self.describe(error))
            }
        }
        return values
    }

    /// Reads every non-blank line as a row whose fields are the line's JSON object.
    ///
    /// - Throws: ``DatasetError/malformedLine(_:line:detail:)`` naming the line that is not
    ///   a valid JSON object.
    public func rows(in data: Data) throws(DatasetError) -> [DatasetRow] {
        var rows: [DatasetRow] = []
        var lineNumber = 0
        for content in Self.lines(of: data) {
            lineNumber += 1
            guard let content else { continue }
            guard let object = JSONValueConversion.object(from: Data(content)) else {
                throw .malformedLine(path, line: lineNumber, detail: "the line is not a JSON "
                    + "object (or not valid JSON); each line of a JSON Lines file holds one "
                    + "object")
            }
            rows.append(DatasetRow(file: path, line: lineNumber, index: rows.count,
                                   fields: object))
        }
        return rows
    }

    /// Every line of `data` without its line ending, `nil` for a blank one.
    private static func lines(of data: Data) -> [Data.SubSequence?] {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { line in
                let content = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
                return content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) ? nil : content
            }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _):
            "the required field '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty:
            "the line is not a JSON object"
        case DecodingError.typeMismatch(let type, let context):
            "the field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' "
                + "is not \(type == String.self ? "a string" : "of the expected type")"
        case DecodingError.valueNotFound(_, let context):
            "the field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' is null"
        default:
            "the line is not a JSON object"
        }
    }
}
