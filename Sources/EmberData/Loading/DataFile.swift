import Foundation

/// A data file on disk and how to read it: JSON Lines, a JSON array or CSV, gzip-compressed
/// or not.
///
/// Compression is recognised by the `.gz` extension or by the gzip magic bytes at the start
/// of the file, and decompressed transparently as the file is read.
public struct DataFile: Sendable, Hashable {
    /// How a file's records are written.
    public enum Format: Sendable, Hashable, CustomStringConvertible {
        /// One JSON object per line.
        case jsonLines
        /// One JSON array of objects.
        case jsonArray
        /// Comma-separated values, with or without a header row.
        case csv(header: CSVReader.Header)

        public var description: String {
            switch self {
            case .jsonLines: "JSON Lines"
            case .jsonArray: "a JSON array"
            case .csv(.present): "CSV with a header"
            case .csv(.absent): "CSV without a header"
            }
        }
    }

    /// The file's path.
    public var path: String
    /// How its records are written, or `nil` to tell from its name and first bytes.
    public var format: Format?

    /// Describes a file.
    public init(path: String, format: Format? = nil) {
        self.path = path
        self.format = format
    }

    /// Reads the file's bytes, decompressing gzip.
    ///
    /// - Throws: ``DatasetError`` for a missing, unreadable or corrupt file.
    public func contents() throws(DatasetError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingFile(path, detail: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw .unreadableFile(path, detail: "it is a directory, not a data file")
        }
        if path.hasSuffix(".gz") || Self.startsWithGzipMagic(path) {
            return try GzipInflater.decompress(fileAt: path)
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path, detail: "permission denied or an I/O error")
        }
    }

    /// Reads every row of the file.
    ///
    /// - Throws: ``DatasetError`` naming the file, and the line for a syntax error.
    public func rows() throws(DatasetError) -> [DatasetRow] {
        let data = try contents()
        switch format ?? inferredFormat(of: data) {
        case .jsonLines: return try JSONLinesReader(path: path).rows(in: data)
        case .jsonArray: return try JSONArrayReader(path: path).rows(in: data)
        case .csv(let header): return try CSVReader(path: path, header: header).rows(in: data)
        }
    }

    /// The format the file's name says, with `.json` read as an array when its first
    /// character is `[` and as JSON Lines otherwise (as HaluEval's `qa_data.json` is).
    func inferredFormat(of data: Data) -> Format {
        let name = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        let lowered = name.lowercased()
        if lowered.hasSuffix(".csv") { return .csv(header: .present) }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") { return .jsonLines }
        let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        return first == UInt8(ascii: "[") ? .jsonArray : .jsonLines
    }

    private static func startsWithGzipMagic(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 2)) ?? Data()
        return Array(head) == GzipInflater.magic
    }
}
