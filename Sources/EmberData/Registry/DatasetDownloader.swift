import EmberModels
import Foundation

/// Downloads a benchmark's published files into a data directory, checking each file's
/// SHA-256 before it is put in place.
///
/// Each file is streamed to a temporary file beside its destination, hashed as it arrives,
/// and renamed into place only when its SHA-256 is the one published; a mismatch deletes it.
/// A file already in place with the right checksum is not fetched again. Cancelling the
/// calling task stops the transfer and deletes the partial file.
public struct DatasetDownloader: Sendable {
    /// The client the files are fetched with.
    public let client: HTTPClient
    /// The base URL the sources' paths are appended to (raw GitHub unless overridden, as
    /// for a mirror or a test server).
    public var baseURL: String
    /// The timeouts of each file's request.
    public var timeouts: HTTPTimeouts

    /// Creates a downloader.
    public init(client: HTTPClient, baseURL: String = DatasetSource.defaultBaseURL,
                timeouts: HTTPTimeouts = HTTPTimeouts(connect: .seconds(15), total: nil,
                                                      idle: .seconds(60))) {
        self.client = client
        self.baseURL = baseURL
        self.timeouts = timeouts
    }

    /// Downloads `sources` into `directory`.
    ///
    /// - Parameters:
    ///   - dataset: The dataset's name, for progress lines and instructions.
    ///   - progress: Called with one line per file fetched or found in place.
    /// - Throws: ``DatasetError/unreachableSource(url:reason:instructions:)`` when the server
    ///   cannot be reached (saying where to get the files and where to put them),
    ///   ``DatasetError/checksumMismatch(url:expected:actual:destination:)``, or
    ///   ``DatasetError/downloadFailed(url:detail:)`` for an HTTP error status or a failed
    ///   write; `CancellationError` when cancelled.
    public func download(_ sources: [DatasetSource], into directory: String, dataset: String,
                         progress: @Sendable (String) -> Void = { _ in }) async throws {
        let total = sources.count
        for (number, source) in sources.enumerated() {
            try Task.checkCancellation()
            let destination = FileSystem.join(directory, source.relativePath)
            let step = total > 1 ? " (\(number + 1) of \(total))" : ""
            if FileSystem.isFile(destination),
               (try? SHA256Hasher.hexDigest(ofFileAt: destination)) == source.sha256 {
                progress("\(source.relativePath)\(step) is already downloaded and verified.")
                continue
            }
            progress("Downloading \(source.relativePath)\(step), \(source.size) bytes, from "
                + "\(source.url(baseURL: baseURL))")
            do {
                try await fetch(source, to: destination)
            } catch let error as HTTPClientError where error.isConnectionFailure {
                throw DatasetError.unreachableSource(
                    url: source.url(baseURL: baseURL), reason: error.detail,
                    instructions: instructions(for: sources, into: directory, dataset: dataset))
            } catch let error as HTTPClientError {
                throw DatasetError.downloadFailed(url: source.url(baseURL: baseURL),
                                                  detail: error.description)
            }
            progress("Verified \(source.relativePath) (SHA-256 \(source.sha256.prefix(12))…).")
        }
    }

    /// What to do by hand when the source cannot be reached.
    func instructions(for sources: [DatasetSource], into directory: String,
                      dataset: String) -> String {
        let examples = sources.prefix(3).map { source in
            "\(source.url(baseURL: baseURL)) → \(FileSystem.join(directory, source.relativePath))"
        }
        let more = sources.count > 3 ? "; and \(sources.count - 3) more files alike" : ""
        return "To use \(dataset) without a network, download its files by hand and put "
            + "them in \(directory), keeping their paths: " + examples.joined(separator: "; ")
            + more + ". Or pass a data directory (--data-dir, or EMBER_DATA_DIR) that holds "
            + "them laid out the same way."
    }

    /// Streams one file to a temporary file, checks it and renames it into place.
    private func fetch(_ source: DatasetSource, to destination: String) async throws {
        let url = source.url(baseURL: baseURL)
        let folder = (destination as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder,
                                                    withIntermediateDirectories: true)
        } catch {
            throw DatasetError.downloadFailed(url: url, detail: "the directory \(folder) "
                + "could not be created")
        }
        let temporary = destination + ".download-\(UUID().uuidString.prefix(8))"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw DatasetError.downloadFailed(url: url, detail: "\(temporary) could not be "
                + "created; check that \(folder) is writable")
        }
        var isInPlace = false
        defer {
            try? handle.close()
            if !isInPlace { try? FileManager.default.removeItem(atPath: temporary) }
        }
        let response = try await client.stream(HTTPRequest(url: url, timeouts: timeouts))
        guard (200..<300).contains(response.status) else {
            throw DatasetError.downloadFailed(url: url, detail: "the server answered HTTP "
                + "\(response.status); the file may have moved, or the base URL is wrong")
        }
        let hasher = SHA256Hasher()
        for try await chunk in response.body {
            hasher.update(chunk)
            do {
                try handle.write(contentsOf: chunk)
            } catch {
                throw DatasetError.downloadFailed(url: url, detail: "writing \(temporary) "
                    + "failed (is the disk full?)")
            }
        }
        try? handle.close()
        let digest = hasher.finalize()
        guard digest == source.sha256 else {
            throw DatasetError.checksumMismatch(url: url, expected: source.sha256,
                                                actual: digest, destination: destination)
        }
        do {
            if FileManager.default.fileExists(atPath: destination) {
                try FileManager.default.removeItem(atPath: destination)
            }
            try FileManager.default.moveItem(atPath: temporary, toPath: destination)
            isInPlace = true
        } catch {
            throw DatasetError.downloadFailed(url: url, detail: "the verified file could not "
                + "be moved to \(destination)")
        }
    }
}
