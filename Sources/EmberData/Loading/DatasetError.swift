/// An error loading a dataset: a missing file or directory, or a line that cannot be read.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case missingFile
        case unreadableFile
        case malformedLine
        case unknownDataset
        case empty
    }

    let code: Code
    /// The file or directory concerned.
    public let path: String
    /// The 1-based line number, where one line is at fault.
    public let line: Int?
    /// What was wrong.
    public let detail: String

    /// A file or directory that does not exist.
    public static func missingFile(_ path: String, detail: String) -> Self {
        Self(code: .missingFile, path: path, line: nil, detail: detail)
    }

    /// A file that exists but cannot be read.
    public static func unreadableFile(_ path: String, detail: String) -> Self {
        Self(code: .unreadableFile, path: path, line: nil, detail: detail)
    }

    /// A line that is not a valid record.
    public static func malformedLine(_ path: String, line: Int, detail: String) -> Self {
        Self(code: .malformedLine, path: path, line: line, detail: detail)
    }

    /// A file with no records in it.
    public static func empty(_ path: String) -> Self {
        Self(code: .empty, path: path, line: nil, detail: "")
    }

    /// A dataset name that is not registered.
    public static func unknownDataset(_ name: String, known: [String]) -> Self {
        Self(code: .unknownDataset, path: name, line: nil,
             detail: "known datasets: \(known.joined(separator: ", "))")
    }

    public var description: String {
        switch code {
        case .missingFile:
            "\(path) does not exist: \(detail)."
        case .unreadableFile:
            "\(path) could not be read: \(detail)."
        case .malformedLine:
            "\(path):\(line ?? 0): \(detail)."
        case .empty:
            "\(path) has no records; there is nothing to evaluate."
        case .unknownDataset:
            "There is no dataset named '\(path)'; \(detail)."
        }
    }
}
