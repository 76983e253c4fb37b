import EmberModels
import Foundation

/// Reads CSV as RFC 4180 describes it: fields separated by commas, records by CRLF or LF, a
/// field in double quotes may hold commas, line breaks and doubled quotes (`""`).
///
/// A leading byte-order mark is skipped and blank lines between records are ignored. A
/// record's line number is the physical line where it starts, so a record after a quoted
/// field spanning three lines is numbered as an editor shows it. Being lenient where
/// spreadsheets are, a quote in the middle of an unquoted field is kept as a character.
public struct CSVReader: Sendable {
    /// Whether the first record names the columns.
    public enum Header: Sendable, Hashable {
        /// The first record is a header; fields are named by it.
        case present
        /// Every record is data; fields are named by 1-based column number (`"1"`, `"2"`).
        case absent
    }

    /// The file read; errors name it.
    public let path: String
    /// Whether the first record is a header.
    public let header: Header

    /// Creates a reader of `path`.
    public init(path: String, header: Header = .present) {
        self.path = path
        self.header = header
    }

    /// Splits bytes into records of fields, each with the line where it starts.
    ///
    /// - Throws: ``DatasetError/malformedLine(_:line:detail:)`` for a quoted field that is
    ///   never closed, or a closing quote followed by something other than a comma or a line
    ///   break.
    public func records(in data: Data) throws(DatasetError) -> [(line: Int, fields: [String])] {
        let result = data.withUnsafeBytes { raw in
            Self.parse(raw.bindMemory(to: UInt8.self))
        }
        switch result {
        case .success(let records): return records
        case .failure(let failure):
            throw .malformedLine(path, line: failure.line, detail: failure.detail)
        }
    }

    /// Reads bytes into rows, naming fields by the header or by column number.
    ///
    /// - Throws: ``DatasetError`` for broken quoting, for a file with a header and no
    ///   header record, for a header naming a column twice, and for a row with a value past
    ///   the header's last column.
    public func rows(in data: Data) throws(DatasetError) -> [DatasetRow] {
        var records = try records(in: data)[...]
        let names: [String]?
        switch header {
        case .present:
            guard let first = records.popFirst() else {
                throw .malformedFile(path, detail: "it is empty, but a header row was expected")
            }
            let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            var columns: [String: Int] = [:]
            for (column, name) in header.enumerated() where !name.isEmpty {
                if let earlier = columns[name] {
                    throw .malformedLine(path, line: first.line, detail: "the header names "
                        + "'\(name)' twice, as columns \(earlier + 1) and \(column + 1); give "
                        + "each column its own name")
                }
                columns[name] = column
            }
            names = header
        case .absent:
            names = nil
        }
        var rows: [DatasetRow] = []
        rows.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            // Empty fields past the header's last column (a trailing comma) say nothing.
            if let names, record.fields.count > names.count,
               record.fields[names.count...].contains(where: { !$0.isEmpty }) {
                throw .malformedLine(path, line: record.line, detail: "the row has "
                    + "\(record.fields.count) fields but the header names \(names.count); "
                    + "quote a field that holds a comma")
            }
            var fields: [String: JSONValue] = [:]
            for (column, value) in record.fields.enumerated() {
                let name = names.flatMap { column < $0.count ? $0[column] : nil }
                    ?? String(column + 1)
                if fields[name] == nil { fields[name] = .string(value) }
            }
            rows.append(DatasetRow(file: path, line: record.line, index: index, fields: fields,
                                   columns: record.fields))
        }
        return rows
    }

    private struct Failure: Error {
        var line: Int
        var detail: String
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>)
        -> Result<[(line: Int, fields: [String])], Failure>
    {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var recordLine = 1
        var isAtFieldStart = true

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append((recordLine, fields))
            }
            fields.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if isAtFieldStart && byte == quote {
                // A quoted field: read to the closing quote, keeping line breaks.
                let openedOn = line
                index += 1
                while true {
                    guard index < bytes.count else {
                        return .failure(Failure(line: openedOn, detail: "a quoted field "
                            + "opened on this line is never closed; end it with '\"' and "
                            + "write a quote inside it as '\"\"'"))
                    }
                    let inner = bytes[index]
                    if inner == quote {
                        if index + 1 < bytes.count && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if inner == newline { line += 1 }
                    field.append(inner)
                    index += 1
                }
                guard index == bytes.count || bytes[index] == comma || bytes[index] == newline
                    || bytes[index] == carriageReturn
                else {
                    return .failure(Failure(line: line, detail: "a closing quote is followed "
                        + "by '\(Character(Unicode.Scalar(bytes[index])))'; after a quoted "
                        + "field comes a comma or the end of the line, and a quote inside "
                        + "the field is written '\"\"'"))
                }
                isAtFieldStart = false
                continue
            }
            switch byte {
            case comma:
                endField()
                isAtFieldStart = true
            case newline:
                endRecord()
                line += 1
                recordLine = line
                isAtFieldStart = true
            case carriageReturn where index + 1 < bytes.count && bytes[index + 1] == newline:
                break
            case carriageReturn where index + 1 == bytes.count:
                break
            default:
                field.append(byte)
                isAtFieldStart = false
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty || !isAtFieldStart {
            endRecord()
        }
        return .success(records)
    }
}
