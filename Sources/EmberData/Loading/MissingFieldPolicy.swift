/// What a load does with a row that lacks a field the dataset needs, or holds a value it
/// cannot use.
///
/// Such a row is never scored silently: it either stops the load with an error naming the
/// file and line, or is left out and listed, with its reason, among the load's
/// ``DatasetLoadResult/skipped`` rows. Syntax errors (a broken JSON line, an unclosed CSV
/// quote) always stop the load: the file itself is damaged.
public struct MissingFieldPolicy: Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable, Hashable {
        case fail, skip
    }

    private let code: Code

    /// Stop the load with the row's ``DatasetError``.
    public static let fail = MissingFieldPolicy(code: .fail)
    /// Leave the row out, and list it among the skipped rows.
    public static let skip = MissingFieldPolicy(code: .skip)

    /// Whether rows at fault are left out rather than stopping the load.
    public var skipsRows: Bool { code == .skip }

    public var description: String { code.rawValue }
}

/// A row left out of a load, and why.
public struct SkippedRow: Sendable, Hashable, CustomStringConvertible {
    /// The file the row is in.
    public var file: String
    /// The 1-based line where the row starts.
    public var line: Int
    /// What was wrong with it: the error's full sentence.
    public var reason: String

    /// Creates a skipped row.
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// The reason, which begins with the file and line.
    public var description: String { reason }
}

/// The records of a load with the rows it left out.
public struct DatasetLoadResult: Sendable {
    /// The records, in the order the load produced them.
    public var records: [DatasetRecord]
    /// The rows left out under ``MissingFieldPolicy/skip``, in reading order.
    public var skipped: [SkippedRow]

    /// Creates a result.
    public init(records: [DatasetRecord], skipped: [SkippedRow] = []) {
        self.records = records
        self.skipped = skipped
    }
}
