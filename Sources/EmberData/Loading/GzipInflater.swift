import CZlib
import Foundation

/// Decompresses a gzip stream piece by piece with zlib's `inflate`.
///
/// Feed compressed chunks to ``append(_:)`` as they are read and collect what each returns;
/// ``finish()`` checks the stream ended where it should. Several gzip members one after
/// another (as `cat a.gz b.gz` makes) decompress to their concatenation. An inflater holds
/// zlib state and is used from one task at a time.
public final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var isAtMemberEnd = false
    private var hasInput = false
    /// What errors name: the file being decompressed.
    public let path: String

    /// The first two bytes of every gzip stream.
    public static let magic: [UInt8] = [0x1F, 0x8B]

    /// Creates an inflater for the gzip stream of `path`.
    ///
    /// - Throws: ``DatasetError`` if zlib cannot be set up (out of memory).
    public init(path: String) throws(DatasetError) {
        self.path = path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 window bits plus 16: a gzip wrapper, not a raw zlib one.
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(),
                                   Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .unreadableFile(path, detail: "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decompresses one chunk of the compressed stream.
    ///
    /// - Returns: The bytes this chunk completed; possibly none.
    /// - Throws: ``DatasetError/malformedFile(_:detail:)`` when the bytes are not gzip or are
    ///   corrupt (a bad header, a failed CRC).
    public func append(_ chunk: Data) throws(DatasetError) -> Data {
        var output = Data()
        guard !chunk.isEmpty else { return output }
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        var failure: DatasetError?
        chunk.withUnsafeBytes { raw in
            var input = raw.bindMemory(to: UInt8.self)
            while !input.isEmpty {
                if isAtMemberEnd {
                    // Another member follows the one that ended.
                    inflateReset(stream)
                    isAtMemberEnd = false
                }
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = UInt32(input.count)
                hasInput = true
                var status: Int32 = Z_OK
                repeat {
                    let produced = buffer.withUnsafeMutableBufferPointer { out in
                        stream.pointee.next_out = out.baseAddress
                        stream.pointee.avail_out = UInt32(out.count)
                        status = inflate(stream, Z_NO_FLUSH)
                        return out.count - Int(stream.pointee.avail_out)
                    }
                    output.append(contentsOf: buffer[..<produced])
                } while status == Z_OK && stream.pointee.avail_out == 0
                let consumed = input.count - Int(stream.pointee.avail_in)
                input = UnsafeBufferPointer(rebasing: input[consumed...])
                switch status {
                case Z_STREAM_END:
                    isAtMemberEnd = true
                    hasInput = false
                case Z_OK, Z_BUF_ERROR:
                    if consumed == 0 && !input.isEmpty { return }
                default:
                    let message = stream.pointee.msg.map { String(cString: $0) }
                        ?? "status \(status)"
                    failure = .malformedFile(path, detail: "the gzip data is corrupt "
                        + "(\(message)); download the file again")
                    return
                }
            }
        }
        if let failure { throw failure }
        return output
    }

    /// Checks that the compressed stream ended at the end of a gzip member.
    ///
    /// - Throws: ``DatasetError/malformedFile(_:detail:)`` for a truncated stream.
    public func finish() throws(DatasetError) {
        guard isAtMemberEnd || !hasInput else {
            throw .malformedFile(path, detail: "the gzip data ends early (the file is "
                + "truncated); download it again")
        }
        guard isAtMemberEnd else {
            throw .malformedFile(path, detail: "it holds no gzip data")
        }
    }

    /// Decompresses a whole gzip file, reading it in 64 KiB chunks.
    ///
    /// - Throws: ``DatasetError`` for a missing or unreadable file or corrupt gzip data.
    public static func decompress(fileAt path: String) throws(DatasetError) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path, detail: "permission denied or an I/O error")
        }
        defer { try? handle.close() }
        let inflater = try GzipInflater(path: path)
        var output = Data()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 64 * 1024) ?? Data()
            } catch {
                throw .unreadableFile(path, detail: "an I/O error while reading")
            }
            if chunk.isEmpty { break }
            output.append(try inflater.append(chunk))
        }
        try inflater.finish()
        return output
    }

    /// Decompresses gzip bytes already in memory; errors name `path`.
    public static func decompress(_ data: Data, path: String) throws(DatasetError) -> Data {
        let inflater = try GzipInflater(path: path)
        let output = try inflater.append(data)
        try inflater.finish()
        return output
    }
}
