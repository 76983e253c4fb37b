import EmberModels
import EmberOperators
import Foundation

/// A user's own data file (JSON Lines, a JSON array or CSV, optionally gzip'd) read into
/// records through a ``FieldMapping``.
///
/// Without an id field, a record's id is `<name>/<hash>`, the hash being the first 12 hex
/// digits of the SHA-256 of its question, options and answer, so ids survive sampling,
/// shuffling and edits elsewhere in the file; an item repeated word for word gets `-2`,
/// `-3`… in file order. Fields the mapping does not name are kept in the metadata when they
/// are scalars, so prompt templates can use them.
public enum CustomDataset {
    /// The records of a file.
    ///
    /// - Parameters:
    ///   - path: The file; its format comes from its name and first bytes unless `format` is
    ///     given (`.json` holding `[` is an array; `.csv` has a header).
    ///   - name: The prefix of derived ids; the file's name without extensions by default.
    /// - Throws: From iteration, ``DatasetError`` for an unreadable file, a mapping naming a
    ///   field no row has (``DatasetError/invalidMapping(_:detail:)``), or under
    ///   ``MissingFieldPolicy/fail`` a row at fault, with its file and line.
    public static func records(fromFileAt path: String, mapping: FieldMapping,
                               format: DataFile.Format? = nil, name: String? = nil,
                               policy: MissingFieldPolicy = .fail) -> DatasetRecords {
        let prefix = name ?? Self.baseName(of: path)
        let file = DataFile(path: path, format: format)
        return DatasetRecords(parts: [DatasetRecords.Part {
            let rows = try file.rows()
            try check(mapping, against: rows, path: path)
            var records: [DatasetRecord] = []
            var skipped: [SkippedRow] = []
            var seenIDs: [String: Int] = [:]
            for row in rows {
                do {
                    var record = try Self.record(from: row, mapping: mapping, prefix: prefix)
                    if mapping.id == nil {
                        let repeats = seenIDs[record.id, default: 0]
                        seenIDs[record.id] = repeats + 1
                        if repeats > 0 { record.id += "-\(repeats + 1)" }
                    } else if let first = seenIDs[record.id] {
                        throw row.invalid(mapping.id!, "repeats the id '\(record.id)' of line "
                            + "\(first); ids must be unique")
                    } else {
                        seenIDs[record.id] = row.line
                    }
                    records.append(record)
                } catch let error as DatasetError where error.isRowProblem
                    && policy.skipsRows
                {
                    skipped.append(SkippedRow(file: row.file, line: row.line,
                                              reason: error.description))
                }
            }
            return (records, skipped)
        }])
    }

    /// Fails when the mapping names a field that no row of the file has: a misspelt column
    /// would otherwise skip every row.
    private static func check(_ mapping: FieldMapping, against rows: [DatasetRow],
                              path: String) throws(DatasetError) {
        guard !rows.isEmpty else { return }
        var known = Set<String>()
        for row in rows { known.formUnion(row.fields.keys) }
        for field in mapping.fieldNames where !known.contains(field) {
            throw .invalidMapping(path, detail: "no row has the field '\(field)'; the fields "
                + "are \(known.sorted().map { "'\($0)'" }.joined(separator: ", "))")
        }
    }

    static func record(from row: DatasetRow, mapping: FieldMapping, prefix: String)
        throws(DatasetError) -> DatasetRecord
    {
        let question = try row.required(mapping.question)
        let choices = try options(of: row, mapping: mapping)
        var answer = try row.required(mapping.answer).trimmingCharacters(in: .whitespaces)
        if !choices.isEmpty {
            if let label = choices.first(where: { $0.label.lowercased() == answer.lowercased() })?
                .label ?? choices.first(where: { $0.text == answer })?.label {
                answer = label
            } else {
                throw row.invalid(mapping.answer, "is '\(answer)', which is neither a label "
                    + "(\(choices.map(\.label).joined(separator: ", "))) nor an option's text")
            }
        }
        let subset = try mapping.subset.map { name throws(DatasetError) in try row.required(name) }
        let id = try mapping.id.map { name throws(DatasetError) in try row.required(name) }
            ?? derivedID(prefix: prefix, question: question, choices: choices, answer: answer)
        let named = Set(mapping.fieldNames)
        var metadata: [String: String] = [:]
        for (key, value) in row.fields where !named.contains(key) {
            if let text = DatasetRow.text(of: value) { metadata[key] = text }
        }
        return DatasetRecord(id: id, question: question, choices: choices, answer: answer,
                             answerKind: mapping.answerKind, subset: subset,
                             metadata: metadata)
    }

    private static func options(of row: DatasetRow, mapping: FieldMapping)
        throws(DatasetError) -> [DatasetRecord.Choice]
    {
        switch mapping.choices {
        case nil:
            return []
        case .columns(let columns):
            var choices: [DatasetRecord.Choice] = []
            for (position, column) in columns.enumerated() {
                choices.append(DatasetRecord.Choice(label: ARCBenchmark.letter(position),
                                                    text: try row.required(column)))
            }
            return choices
        case .field(let name):
            guard var value = row.fields[name] else { throw row.missing(name) }
            if case .string(let text) = value {
                guard let parsed = JSONValueConversion.value(parsing: text) else {
                    throw row.invalid(name, "is text that is not a JSON array or object of "
                        + "options")
                }
                value = parsed
            }
            switch value {
            case .array(let elements):
                var choices: [DatasetRecord.Choice] = []
                for (position, element) in elements.enumerated() {
                    guard let text = DatasetRow.text(of: element) else {
                        throw row.invalid(name, "has an option that is not text")
                    }
                    choices.append(DatasetRecord.Choice(label: ARCBenchmark.letter(position),
                                                        text: text))
                }
                guard !choices.isEmpty else { throw row.invalid(name, "has no options") }
                return choices
            case .object(let members):
                var choices: [DatasetRecord.Choice] = []
                for label in members.keys.sorted() {
                    guard let text = DatasetRow.text(of: members[label]!) else {
                        throw row.invalid(name, "has an option that is not text")
                    }
                    choices.append(DatasetRecord.Choice(label: label, text: text))
                }
                guard !choices.isEmpty else { throw row.invalid(name, "has no options") }
                return choices
            default:
                throw row.invalid(name, "is not a JSON array of options or an object from "
                    + "label to option")
            }
        }
    }

    /// `<prefix>/<first 12 hex digits of the SHA-256 of the content>`.
    static func derivedID(prefix: String, question: String, choices: [DatasetRecord.Choice],
                          answer: String) -> String {
        let content = ([question] + choices.map { "\($0.label)\u{1F}\($0.text)" } + [answer])
            .joined(separator: "\u{1E}")
        return "\(prefix)/\(SHA256Hasher.hexDigest(of: content).prefix(12))"
    }

    private static func baseName(of path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".gz", ".jsonl", ".ndjson", ".json", ".csv"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        return name
    }
}
