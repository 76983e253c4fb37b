import EmberModels
import Foundation

extension SHA256Hasher {
    /// The SHA-256 of a file, read in 1 MiB chunks, as lower-case hex.
    ///
    /// - Throws: ``DatasetError`` for a missing or unreadable file.
    public static func hexDigest(ofFileAt path: String) throws(DatasetError) -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .missingFile(path, detail: "no such file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path, detail: "permission denied")
        }
        defer { try? handle.close() }
        let hasher = SHA256Hasher()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw .unreadableFile(path, detail: "an I/O error while reading")
            }
            if chunk.isEmpty { break }
            hasher.update(chunk)
        }
        return hasher.finalize()
    }
}
