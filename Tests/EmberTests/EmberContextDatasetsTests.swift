import Ember
import EmberTestSupport
import Foundation
import Testing

@Suite("The context's data service")
struct EmberContextDatasetsTests {
    func context(_ environment: [String: String]) throws -> EmberContext {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-datasets-\(UUID().uuidString)").path
        return EmberContext(settings: try EmberSettings(environment: environment.merging([
            "HOME": root, "EMBER_DB": root + "/ember.db", "EMBER_CACHE_DIR": root + "/cache",
        ]) { first, _ in first }))
    }

    @Test("EMBER_DATA_DIR is searched before the cache; a directory given explicitly replaces it")
    func searchPath() throws {
        let context = try context(["EMBER_DATA_DIR": TestEnvironment.sharedDatasets])
        let standard = context.datasets.searchPath
        #expect(standard.environmentDirectory == TestEnvironment.sharedDatasets)
        #expect(standard.explicitDirectory == nil)
        #expect(standard.cacheDirectory.hasSuffix("/cache/datasets"))
        #expect(standard.directories.first == TestEnvironment.sharedDatasets)

        let flagged = context.datasets(directory: "/data/benchmarks").searchPath
        #expect(flagged.explicitDirectory == "/data/benchmarks")
        #expect(flagged.environmentDirectory == nil)
    }

    @Test("the service finds a benchmark in the configured directory")
    func locatesABenchmark() async throws {
        let context = try context(["EMBER_DATA_DIR": TestEnvironment.sharedDatasets])
        let records = try await context.datasets.load(DatasetRequest(name: "arc")).records
        #expect(records.count > 1000)
        #expect(records.allSatisfy { $0.choices.map(\.label).starts(with: ["A", "B"]) })
    }
}
