import EmberData
import EmberModels
import Foundation
import Testing

@Suite("Registered benchmarks: record counts from the shared data")
struct BenchmarkCountTests {
    static let service = DatasetService(searchPath: DatasetSearchPath(
        explicitDirectory: TestData.directory, cacheDirectory: "/nonexistent/ember-cache",
        includesBundledData: false))

    @Test("each split has the README's record count, with unique ids", arguments: [
        ("mmlu", "test", 12_230), ("mmlu", "dev", 235), ("mmlu", "val", 1_335),
        ("gsm8k", "test", 1_319), ("truthfulqa", "test", 790), ("humaneval", "test", 164),
        ("arc", "test", 1_172), ("arc", "dev", 299), ("halueval", "test", 10_000),
        ("math500", "test", 500), ("aime2024", "test", 30),
    ] as [(String, String, Int)])
    func counts(name: String, split: String, count: Int) async throws {
        let result = try await Self.service.load(DatasetRequest(name: name, split: split))
        #expect(result.records.count == count)
        #expect(result.skipped.isEmpty)
        #expect(Set(result.records.map(\.id)).count == count)
        let definition = try DatasetRegistry.standard.definition(named: name)
        #expect(definition.info.recordCounts[split] == count)
        #expect(result.records.allSatisfy { $0.answerKind == definition.info.answerKind })
    }

    @Test("the standard registry has the eight benchmarks with their evaluators")
    func registry() throws {
        let registry = DatasetRegistry.standard
        #expect(registry.names == ["mmlu", "gsm8k", "truthfulqa", "arc", "halueval",
                                   "humaneval", "math500", "aime2024"])
        let evaluators = registry.all.map(\.info.evaluator)
        #expect(evaluators == ["choice", "numeric", "choice", "choice", "yes-no", "code",
                               "math", "numeric"])
        #expect(try registry.definition(named: "MMLU").info.name == "mmlu")
        let error = #expect(throws: DatasetError.self) {
            try registry.definition(named: "squad")
        }
        #expect(error?.description.contains("gsm8k") == true)
    }

    @Test("every published source's checksum matches the shared file")
    func checksums() throws {
        for definition in DatasetRegistry.standard.all {
            for split in definition.info.splits {
                for source in definition.sources(split: split) {
                    let path = TestData.path(source.relativePath)
                    #expect(try SHA256Hasher.hexDigest(ofFileAt: path) == source.sha256)
                    let size = try FileManager.default.attributesOfItem(atPath: path)[.size]
                    #expect((size as? Int) == source.size)
                    #expect(source.url().hasPrefix("https://raw.githubusercontent.com/"))
                }
            }
        }
    }
}
