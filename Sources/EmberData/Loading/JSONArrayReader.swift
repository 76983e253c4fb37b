import EmberModels
import Foundation

/// Reads a JSON file holding one array of objects, each object a row.
///
/// The array is split into its elements by a scan that follows strings and brackets, and
/// each element is parsed on its own, so a row knows the line it starts on and a syntax
/// error names the line of the element at fault. A leading byte-order mark is skipped.
public struct JSONArrayReader: Sendable {
    /// The file read; errors name it.
    public let path: String

    /// Creates a reader of `path`.
    public init(path: String) {
        self.path = path
    }

    /// Reads the array's elements as rows.
    ///
    /// - Throws: ``DatasetError/malformedFile(_:detail:)`` when the file is not one JSON
    ///   array, and ``DatasetError/malformedLine(_:line:detail:)`` for an element that is
    ///   not a valid JSON object.
    public func rows(in data: Data) throws(DatasetError) -> [DatasetRow] {
        let spans = try data.withUnsafeBytes { raw in
            Result { () throws(DatasetError) in try elementSpans(raw.bindMemory(to: UInt8.self)) }
        }.get()
        var rows: [DatasetRow] = []
        rows.reserveCapacity(spans.count)
        for (index, span) in spans.enumerated() {
            let element = data[(data.startIndex + span.start)..<(data.startIndex + span.end)]
            guard let object = JSONValueConversion.object(from: element) else {
                throw .malformedLine(path, line: span.line, detail: "element \(index + 1) of "
                    + "the array is not a valid JSON object")
            }
            rows.append(DatasetRow(file: path, line: span.line, index: index, fields: object))
        }
        return rows
    }

    private struct Span {
        var start: Int
        var end: Int
        var line: Int
    }

    /// The byte ranges of the top-level array's elements.
    private func elementSpans(_ bytes: UnsafeBufferPointer<UInt8>) throws(DatasetError)
        -> [Span]
    {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        func skipWhitespace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09
                || bytes[index] == 0x0A || bytes[index] == 0x0D {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
            throw .malformedFile(path, detail: "it does not start with '['; a JSON array of "
                + "objects was expected (for one object per line, use a .jsonl file)")
        }
        index += 1
        var spans: [Span] = []
        while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw .malformedFile(path, detail: "the array is never closed with ']'")
            }
            if bytes[index] == UInt8(ascii: "]") && spans.isEmpty { return spans }
            let start = index
            let startLine = line
            var depth = 0
            var isInString = false
            while index < bytes.count {
                let byte = bytes[index]
                if isInString {
                    if byte == UInt8(ascii: "\\") { index += 1 }
                    else if byte == UInt8(ascii: "\"") { isInString = false }
                    else if byte == 0x0A { line += 1 }
                } else if byte == UInt8(ascii: "\"") {
                    isInString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    if depth == 0 { break }
                    depth -= 1
                } else if byte == UInt8(ascii: ",") && depth == 0 {
                    break
                } else if byte == 0x0A {
                    line += 1
                }
                index += 1
            }
            guard index < bytes.count else {
                throw .malformedLine(path, line: startLine, detail: "the element starting "
                    + "here is never closed")
            }
            spans.append(Span(start: start, end: index, line: startLine))
            if bytes[index] == UInt8(ascii: "]") { break }
            guard bytes[index] == UInt8(ascii: ",") else {
                throw .malformedLine(path, line: line, detail: "an unexpected "
                    + "'\(Character(Unicode.Scalar(bytes[index])))' between elements")
            }
            index += 1
        }
        index += 1
        skipWhitespace()
        guard index == bytes.count else {
            throw .malformedLine(path, line: line, detail: "there is more after the array's "
                + "closing ']'; a file holds one array")
        }
        return spans
    }
}

/// Turns Foundation's parsed JSON into ``JSONValue``s.
enum JSONValueConversion {
    private static let booleanType = ObjectIdentifier(type(of: NSNumber(value: true)))

    /// The object that `data` holds, or `nil` when it is not valid JSON or not an object.
    static func object(from data: Data) -> [String: JSONValue]? {
        guard let parsed = try? JSONSerialization.jsonObject(with: data, options: []),
              case .object(let members) = value(of: parsed) else { return nil }
        return members
    }

    /// The JSON value `text` holds (an array or an object), or `nil` when it is not JSON.
    static func value(parsing text: String) -> JSONValue? {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        else { return nil }
        return value(of: parsed)
    }

    /// The value of anything `JSONSerialization` returns.
    static func value(of any: Any) -> JSONValue {
        switch any {
        case let text as String:
            return .string(text)
        case let number as NSNumber:
            if ObjectIdentifier(type(of: number)) == booleanType { return .bool(number.boolValue) }
            let type = String(cString: number.objCType)
            if type == "d" || type == "f" {
                let double = number.doubleValue
                return double == double.rounded() && abs(double) < 9e15
                    ? .integer(Int(double)) : .number(double)
            }
            return .integer(number.intValue)
        case let array as [Any]:
            return .array(array.map(value(of:)))
        case let dictionary as [String: Any]:
            return .object(dictionary.mapValues(value(of:)))
        default:
            return .null
        }
    }
}
