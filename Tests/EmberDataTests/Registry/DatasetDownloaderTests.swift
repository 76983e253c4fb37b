import EmberData
import EmberModels
import EmberTestSupport
import Foundation
import Synchronization
import Testing

@Suite("Dataset downloads from a loopback server", .timeLimit(.minutes(1)))
struct DatasetDownloaderTests {
    /// The shared data's files by the path a source serves them at.
    private static let served: [String: String] = {
        var files: [String: String] = [:]
        for definition in DatasetRegistry.standard.all {
            for split in definition.info.splits {
                for source in definition.sources(split: split) {
                    files["/" + source.remotePath] = TestData.path(source.relativePath)
                }
            }
        }
        return files
    }()

    private static func serveSharedFiles(
        altering: @escaping @Sendable (Data) -> Data = { $0 }
    ) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.start { request in
            guard let path = served[request.path],
                  let data = FileManager.default.contents(atPath: path) else {
                return .respond(status: 404, body: Data("Not Found".utf8))
            }
            return .respond(status: 200, body: altering(data))
        }
    }

    private func service(baseURL: String, client: HTTPClient, cache: String) -> DatasetService {
        DatasetService(
            searchPath: DatasetSearchPath(cacheDirectory: cache, includesBundledData: false),
            downloader: DatasetDownloader(client: client, baseURL: baseURL))
    }

    @Test("missing files are downloaded into the cache, verified, then loaded")
    func download() async throws {
        let server = try Self.serveSharedFiles()
        defer { server.stop() }
        let cache = try TemporaryFiles.directory().path
        let lines = Mutex<[String]>([])
        let service = service(baseURL: server.baseURL, client: HTTPClient(), cache: cache)
        let records = try await service.load(DatasetRequest(name: "gsm8k")) { line in
            lines.withLock { $0.append(line) }
        }.records
        #expect(records.count == 1_319)
        #expect(FileManager.default.fileExists(atPath: cache + "/gsm8k/test.jsonl"))
        #expect(server.requests.map(\.path) == ["/openai/grade-school-math/"
            + "3101c7d5072418e28b9008a6636bde82a006892c/grade_school_math/data/test.jsonl"])
        let progress = lines.withLock { $0 }
        #expect(progress.first?.hasPrefix("Downloading gsm8k/test.jsonl") == true)
        #expect(progress.last?.hasPrefix("Verified gsm8k/test.jsonl") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache + "/gsm8k")
            == ["test.jsonl"])

        // Found in the cache now: no second download.
        _ = try await service.load(DatasetRequest(name: "gsm8k"))
        #expect(server.requests.count == 1)
    }

    @Test("a split of many files downloads each; gzip'd HumanEval reads after download")
    func manyFiles() async throws {
        let server = try Self.serveSharedFiles()
        defer { server.stop() }
        let cache = try TemporaryFiles.directory().path
        let service = service(baseURL: server.baseURL, client: HTTPClient(), cache: cache)
        let dev = try await service.load(DatasetRequest(name: "mmlu", split: "dev")).records
        #expect(dev.count == 235)
        #expect(server.requests.count == 47)
        let humanEval = try await service.load(DatasetRequest(name: "humaneval")).records
        #expect(humanEval.count == 164)
        #expect(FileManager.default.fileExists(atPath: cache + "/humaneval/HumanEval.jsonl.gz"))
    }

    @Test("a checksum mismatch deletes the download and says so")
    func checksumMismatch() async throws {
        let server = try Self.serveSharedFiles { data in data + Data("tampered".utf8) }
        defer { server.stop() }
        let cache = try TemporaryFiles.directory().path
        let service = service(baseURL: server.baseURL, client: HTTPClient(), cache: cache)
        let error = await #expect(throws: DatasetError.self) {
            _ = try await service.load(DatasetRequest(name: "aime2024"))
        }
        #expect(error?.isChecksumMismatch == true)
        #expect(error?.description.contains("af2b8bd2aa91") == true)
        #expect(error?.description.contains("deleted") == true)
        let folder = cache + "/aime2024"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty)
    }

    @Test("an HTTP error status is a failed download naming the status")
    func notFound() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .respond(status: 404, body: Data("Not Found".utf8))
        }
        defer { server.stop() }
        let service = service(baseURL: server.baseURL, client: HTTPClient(),
                              cache: try TemporaryFiles.directory().path)
        let error = await #expect(throws: DatasetError.self) {
            _ = try await service.load(DatasetRequest(name: "math500"))
        }
        #expect(error?.description.contains("HTTP 404") == true)
    }

    @Test("an unreachable source says where to get the files and where to put them")
    func unreachable() async throws {
        // Port 1 on loopback: nothing listens, the connection is refused.
        let cache = try TemporaryFiles.directory().path
        let service = service(baseURL: "http://127.0.0.1:1", client: HTTPClient(), cache: cache)
        let error = await #expect(throws: DatasetError.self) {
            _ = try await service.load(DatasetRequest(name: "truthfulqa"))
        }
        #expect(error?.isUnreachableSource == true)
        let text = error?.description ?? ""
        #expect(text.contains("http://127.0.0.1:1/sylinrl/TruthfulQA/"))
        #expect(text.contains(cache + "/truthfulqa/mc_task.json"))
        #expect(text.contains("--data-dir"))
    }
}
