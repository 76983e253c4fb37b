import EmberData
import Foundation
import Testing

@Suite("Dataset service: search path")
struct DatasetServiceTests {
    private func emptyCache() throws -> String {
        try TemporaryFiles.directory().path
    }

    @Test("GSM8K falls back to the copy bundled with Ember")
    func bundledFallback() async throws {
        let service = DatasetService(searchPath: DatasetSearchPath(
            cacheDirectory: try emptyCache()))
        let location = try #require(try service.locate("gsm8k"))
        #expect(location.origin == .bundled)
        let records = try await service.load(DatasetRequest(name: "gsm8k")).records
        #expect(records.count == 1_319)
    }

    @Test("the explicit directory comes first, then EMBER_DATA_DIR, then the cache")
    func order() throws {
        let cache = try emptyCache()
        let explicit = DatasetService(searchPath: DatasetSearchPath(
            explicitDirectory: TestData.directory, environmentDirectory: try emptyCache(),
            cacheDirectory: cache))
        #expect(try explicit.locate("mmlu")?.origin == .explicitDirectory)

        let environment = DatasetService(searchPath: DatasetSearchPath(
            explicitDirectory: try emptyCache(), environmentDirectory: TestData.directory,
            cacheDirectory: cache))
        #expect(try environment.locate("arc", split: "dev")?.origin == .environment)

        let cached = DatasetService(searchPath: DatasetSearchPath(
            explicitDirectory: try emptyCache(), cacheDirectory: TestData.directory))
        #expect(try cached.locate("halueval")?.origin == .cache)
        #expect(try cached.locate("halueval")?.directory == TestData.directory)
    }

    @Test("a dataset found nowhere, with downloads off, says where to put its files")
    func notFound() async throws {
        let cache = try emptyCache()
        let service = DatasetService(searchPath: DatasetSearchPath(cacheDirectory: cache))
        #expect(try service.locate("mmlu") == nil)
        let error = await #expect(throws: DatasetError.self) {
            _ = try await service.records(for: DatasetRequest(name: "aime2024"))
        }
        #expect(error?.description.contains(cache) == true)
        #expect(error?.description.contains("aime2024/test.jsonl") == true)
    }

    @Test("a named directory that does not exist is an error naming it")
    func missingNamedDirectory() throws {
        let service = DatasetService(searchPath: DatasetSearchPath(
            explicitDirectory: "/nonexistent/ember-data", cacheDirectory: try emptyCache()))
        let error = #expect(throws: DatasetError.self) { try service.locate("gsm8k") }
        #expect(error?.description.contains("/nonexistent/ember-data") == true)
        #expect(error?.description.contains("gsm8k/test.jsonl") == true)

        let environment = DatasetService(searchPath: DatasetSearchPath(
            environmentDirectory: "/nonexistent/env-data", cacheDirectory: try emptyCache()))
        let environmentError = #expect(throws: DatasetError.self) {
            try environment.locate("gsm8k")
        }
        #expect(environmentError?.description.contains("EMBER_DATA_DIR") == true)
    }

    @Test("the cache is under XDG_CACHE_HOME when set, else ~/.cache")
    func cacheDirectory() {
        #expect(DatasetSearchPath.defaultCacheDirectory(
            environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])
            == "/x/cache/ember/datasets")
        #expect(DatasetSearchPath.defaultCacheDirectory(environment: ["HOME": "/home/u"])
            == "/home/u/.cache/ember/datasets")
    }

    @Test("a row missing a field is skipped and listed, or stops the load, by policy")
    func missingFieldPolicy() async throws {
        let directory = try TemporaryFiles.directory()
        let folder = directory.appendingPathComponent("mmlu/test")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("""
            "What is 1+1?",1,2,3,4,B
            "A row, too short",x,y
            "What is 2+2?",3,4,5,6,Q
            "What is 3+3?",5,6,7,8,B

            """.utf8).write(to: folder.appendingPathComponent("arithmetic_test.csv"))
        let service = DatasetService(searchPath: DatasetSearchPath(
            explicitDirectory: directory.path, cacheDirectory: try emptyCache()))

        let skipping = try await service.load(DatasetRequest(
            name: "mmlu", missingFieldPolicy: .skip))
        #expect(skipping.records.map(\.id) == ["mmlu/arithmetic/test/1",
                                                "mmlu/arithmetic/test/4"])
        #expect(skipping.skipped.map(\.line) == [2, 3])
        #expect(skipping.skipped[0].reason.contains("column 4 is missing"))
        #expect(skipping.skipped[1].reason.contains("'Q'"))
        #expect(skipping.skipped[1].reason.hasPrefix(folder.path + "/arithmetic_test.csv:3:"))

        let error = await #expect(throws: DatasetError.self) {
            _ = try await service.load(DatasetRequest(name: "mmlu"))
        }
        #expect(error?.line == 2)
        #expect(error?.isRowProblem == true)
    }
}
