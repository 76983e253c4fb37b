/// An error loading a dataset: a missing file or directory, a line that cannot be read, a row
/// without a field it needs, a failed download.
///
/// Every description is a sentence naming where the problem is (the file, and the line where
/// one line is at fault), what was wrong and what would be accepted.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case missingFile
        case unreadableFile
        case malformedLine
        case malformedFile
        case missingField
        case invalidField
        case unknownDataset
        case unknownSplit
        case unknownSubset
        case empty
        case missingPlaceholder
        case invalidMapping
        case checksumMismatch
        case downloadFailed
        case unreachableSource
    }

    let code: Code
    /// The file or directory concerned (for an unknown dataset, split or subset: the name
    /// asked for; for a download: the URL).
    public let path: String
    /// The 1-based line number, where one line is at fault.
    public let line: Int?
    /// The field at fault, where one field is.
    public let field: String?
    /// What was wrong.
    public let detail: String

    init(code: Code, path: String, line: Int? = nil, field: String? = nil, detail: String) {
        self.code = code
        self.path = path
        self.line = line
        self.field = field
        self.detail = detail
    }

    /// A file or directory that does not exist.
    public static func missingFile(_ path: String, detail: String) -> Self {
        Self(code: .missingFile, path: path, detail: detail)
    }

    /// A file that exists but cannot be read.
    public static func unreadableFile(_ path: String, detail: String) -> Self {
        Self(code: .unreadableFile, path: path, detail: detail)
    }

    /// A line that is not a valid record: broken JSON or CSV syntax.
    public static func malformedLine(_ path: String, line: Int, detail: String) -> Self {
        Self(code: .malformedLine, path: path, line: line, detail: detail)
    }

    /// A file whose whole shape is wrong: not a JSON array, a corrupt gzip stream.
    public static func malformedFile(_ path: String, detail: String) -> Self {
        Self(code: .malformedFile, path: path, detail: detail)
    }

    /// A row without a field the dataset needs.
    ///
    /// - Parameter available: The fields the row does have, named in the description.
    public static func missingField(_ field: String, path: String, line: Int,
                                    available: [String]) -> Self {
        let has = available.isEmpty ? "it has none"
            : "it has \(available.sorted().map { "'\($0)'" }.joined(separator: ", "))"
        return Self(code: .missingField, path: path, line: line, field: field,
                    detail: "the required field '\(field)' is missing or empty; \(has)")
    }

    /// A row whose field is there but holds a value the dataset cannot use.
    ///
    /// - Parameter detail: What was wrong and what is accepted, as a clause.
    public static func invalidField(_ field: String, path: String, line: Int,
                                    detail: String) -> Self {
        Self(code: .invalidField, path: path, line: line, field: field,
             detail: "the field '\(field)' \(detail)")
    }

    /// A file with no records in it.
    public static func empty(_ path: String) -> Self {
        Self(code: .empty, path: path, detail: "")
    }

    /// A dataset name that is not registered.
    public static func unknownDataset(_ name: String, known: [String]) -> Self {
        Self(code: .unknownDataset, path: name,
             detail: "known datasets: \(known.joined(separator: ", "))")
    }

    /// A split the dataset does not have.
    public static func unknownSplit(_ split: String, dataset: String, known: [String]) -> Self {
        Self(code: .unknownSplit, path: split,
             detail: "\(dataset) has the splits \(known.joined(separator: ", "))")
    }

    /// A subset the dataset does not have, or does not have in the files found.
    public static func unknownSubset(_ subset: String, dataset: String, known: [String]) -> Self {
        let list = known.count > 12
            ? known.prefix(12).joined(separator: ", ") + " and \(known.count - 12) more"
            : known.joined(separator: ", ")
        return Self(code: .unknownSubset, path: subset,
                    detail: known.isEmpty ? "\(dataset) has no subsets"
                        : "\(dataset) has the subsets \(list)")
    }

    /// A prompt template placeholder that a record has no value for.
    public static func missingPlaceholder(_ name: String, record: String,
                                          available: [String]) -> Self {
        Self(code: .missingPlaceholder, path: record, field: name,
             detail: available.sorted().map { "{\($0)}" }.joined(separator: ", "))
    }

    /// A field mapping for a user's file that cannot work.
    public static func invalidMapping(_ path: String, detail: String) -> Self {
        Self(code: .invalidMapping, path: path, detail: detail)
    }

    /// A downloaded file whose SHA-256 is not the one expected; it has been deleted.
    public static func checksumMismatch(url: String, expected: String, actual: String,
                                        destination: String) -> Self {
        Self(code: .checksumMismatch, path: url,
             detail: "expected SHA-256 \(expected) but got \(actual); the download was "
                 + "deleted and nothing was written to \(destination)")
    }

    /// A download that reached the server but did not succeed (an HTTP error status, a
    /// dropped transfer, a file that could not be written).
    public static func downloadFailed(url: String, detail: String) -> Self {
        Self(code: .downloadFailed, path: url, detail: detail)
    }

    /// A download whose server could not be reached at all (no network, DNS failure,
    /// connection refused).
    ///
    /// - Parameter instructions: Where to get the files by hand and where to put them.
    public static func unreachableSource(url: String, reason: String,
                                         instructions: String) -> Self {
        Self(code: .unreachableSource, path: url, detail: "\(reason). \(instructions)")
    }

    /// Whether the error concerns one row's content (a missing or invalid field), which a
    /// ``MissingFieldPolicy`` may skip, rather than the file itself.
    public var isRowProblem: Bool { code == .missingField || code == .invalidField }

    /// Whether a download failed because its source could not be reached.
    public var isUnreachableSource: Bool { code == .unreachableSource }

    /// Whether a downloaded file failed its checksum.
    public var isChecksumMismatch: Bool { code == .checksumMismatch }

    /// Whether a dataset, split or subset name is not known: a usage mistake, not a failure.
    public var isUnknownName: Bool {
        code == .unknownDataset || code == .unknownSplit || code == .unknownSubset
    }

    /// Whether a file or directory was not found.
    public var isMissingFile: Bool { code == .missingFile }

    public var description: String {
        switch code {
        case .missingFile:
            "\(path) does not exist: \(detail)."
        case .unreadableFile:
            "\(path) could not be read: \(detail)."
        case .malformedLine, .missingField, .invalidField:
            "\(path):\(line ?? 0): \(detail)."
        case .malformedFile:
            "\(path) is not valid: \(detail)."
        case .empty:
            "\(path) has no records; there is nothing to evaluate."
        case .unknownDataset:
            "There is no dataset named '\(path)'; \(detail)."
        case .unknownSplit:
            "There is no split named '\(path)'; \(detail)."
        case .unknownSubset:
            "There is no subset named '\(path)'; \(detail)."
        case .missingPlaceholder:
            "The prompt template uses {\(field ?? "")}, which record \(path) has no value "
                + "for; its placeholders are \(detail)."
        case .invalidMapping:
            "The field mapping for \(path) cannot be used: \(detail)."
        case .checksumMismatch:
            "The file downloaded from \(path) is corrupt: \(detail)."
        case .downloadFailed:
            "The download of \(path) failed: \(detail)."
        case .unreachableSource:
            "Could not reach \(path): \(detail)"
        }
    }
}
