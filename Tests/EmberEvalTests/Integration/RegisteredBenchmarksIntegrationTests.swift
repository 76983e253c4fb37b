import EmberData
import EmberEval
import EmberModels
import EmberTestSupport
import Foundation
import Testing

/// Every registered benchmark, a few items each, through the pipeline with the real local
/// model and the benchmark's own prompt and evaluator: the main job on each dataset.
@Suite("Registered benchmarks on the local model",
       .enabled(if: TestEnvironment.hasLocalModel, "needs EMBER_TEST_LOCAL_BASE_URL"),
       .timeLimit(.minutes(3)))
struct RegisteredBenchmarksIntegrationTests {
    static let names = DatasetRegistry.standard.names

    @Test("two items are prompted, answered and scored", arguments: names)
    func evaluatesTwoItems(name: String) async throws {
        let service = DatasetService(searchPath: DatasetSearchPath(
            explicitDirectory: TestEnvironment.sharedDatasets,
            cacheDirectory: FileManager.default.temporaryDirectory
                .appendingPathComponent("ember-no-cache-\(UUID().uuidString)").path))
        let definition = try service.registry.definition(named: name)
        let records = try await service.load(DatasetRequest(name: name, sampler: .first(2)))
            .records
        #expect(records.count == 2)

        let models = ModelService(providers: [
            "local": OpenAICompatibleProvider(baseURL: try #require(TestEnvironment
                .localModelBaseURL), apiKey: nil, client: HTTPClient()),
        ])
        let model = try ModelID(parsing: "local/smollm2")
        let evaluator = try EvaluatorRegistry.standard.make(definition.info.evaluator)
        let pipeline = EvaluationPipeline(evaluator: evaluator, maximumConcurrency: 2)
        let summary = await pipeline.run(records) { record in
            let prompt = try definition.prompt(for: record)
            let response = try await models.complete(
                ModelRequest(prompt: prompt,
                             parameters: ModelParameters(temperature: 0, maximumTokens: 64)),
                model: model)
            return SystemAnswer(text: response.text ?? "", usage: response.usage,
                                isTruncated: response.isTruncated)
        }
        #expect(summary.itemCount == 2)
        #expect(summary.errorCount == 0, "\(summary.results.compactMap(\.error))")
        for result in summary.results {
            #expect(result.usage.map { $0.inputTokens > 0 } == true)
            let outcome = try #require(result.outcome)
            #expect(!outcome.explanation.isEmpty)
            #expect(result.gold == records.first { $0.id == result.recordID }?.answer)
        }
    }
}
