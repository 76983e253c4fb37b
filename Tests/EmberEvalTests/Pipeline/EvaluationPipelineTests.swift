import EmberData
import EmberModels
import EmberOperators
import EmberTestSupport
import Foundation
import Synchronization
import Testing
@testable import EmberEval

@Suite("Evaluation pipeline", .timeLimit(.minutes(1)))
struct EvaluationPipelineTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "the model is down" }
    }

    /// Tracks how many calls are in flight and the most there ever were.
    final class Gauge: Sendable {
        private let counts = Mutex((current: 0, peak: 0))
        var peak: Int { counts.withLock { $0.peak } }
        func enter() {
            counts.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) }
        }
        func leave() { counts.withLock { $0.current -= 1 } }
    }

    func records(_ count: Int) -> [DatasetRecord] {
        (1...count).map {
            DatasetRecord(id: "r\($0)", question: "What is \($0)?", answer: String($0),
                          answerKind: .number)
        }
    }

    @Test("concurrency never exceeds the bound and reaches it")
    func boundedConcurrency() async {
        let gauge = Gauge()
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 3)
        let summary = await pipeline.run(records(12)) { record in
            gauge.enter()
            defer { gauge.leave() }
            try await Task.sleep(for: .milliseconds(30))
            return SystemAnswer(text: "#### \(record.answer)", usage: nil)
        }
        #expect(gauge.peak == 3)
        #expect(summary.correctCount == 12)
        #expect(summary.results.map(\.recordID) == (1...12).map { "r\($0)" })
    }

    @Test("a failed call is counted as an error, scored wrong, and the run goes on")
    func errorsAreCounted() async {
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 2)
        var reports: [EvaluationProgress] = []
        let summary = await pipeline.run(records(6), progress: { reports.append($0) }) { record in
            if record.id == "r2" || record.id == "r5" { throw Failure() }
            let usage = TokenUsageFixture.usage
            return record.id == "r3"
                ? SystemAnswer(text: "I do not know.", usage: usage)
                : SystemAnswer(text: "The answer is \(record.answer).", usage: usage)
        }
        #expect(summary.itemCount == 6)
        #expect(summary.isComplete)
        #expect(summary.errorCount == 2)
        #expect(summary.unansweredCount == 1)
        #expect(summary.correctCount == 3)
        #expect(summary.accuracy == 0.5)
        #expect(summary.usage.inputTokens == 80)
        #expect(summary.usage.outputTokens == 24)
        #expect(summary.results[1].error == "the model is down")
        #expect(summary.results[2].outcome?.explanation == "no answer found")
        #expect(reports.map(\.finished) == [0, 1, 2, 3, 4, 5, 6])
        #expect(reports.last?.errors == 2)
        #expect(reports.last?.correct == 3)
    }

    @Test("cancelling the run keeps the finished items and stops starting new ones")
    func cancellation() async {
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 2)
        let started = Mutex(0)
        let items = records(50)
        let run = Task {
            await pipeline.run(items) { record in
                started.withLock { $0 += 1 }
                if record.id != "r1" && record.id != "r2" {
                    try await Task.sleep(for: .seconds(30))
                }
                return SystemAnswer(text: "#### \(record.answer)", usage: nil)
            }
        }
        while started.withLock({ $0 }) < 4 { try? await Task.sleep(for: .milliseconds(5)) }
        run.cancel()
        let summary = await run.value
        #expect(!summary.isComplete)
        #expect(summary.plannedCount == 50)
        #expect(summary.results.map(\.recordID) == ["r1", "r2"])
        #expect(started.withLock { $0 } == 4)
    }

    @Test("the terminal report shows the figures of the summary")
    func report() async {
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator())
        let summary = await pipeline.run(records(20)) { record in
            SystemAnswer(text: record.id == "r1" ? "#### 1" : "#### 0",
                         usage: TokenUsageFixture.usage)
        }
        let text = TerminalReport(title: "GSM8K · test", summary: summary).render()
        #expect(text.hasPrefix("GSM8K · test\n"))
        #expect(text.contains("Items               20\n"))
        #expect(text.contains("Correct             1\n"))
        #expect(text.contains("5.0%  (95% Wilson CI 0.9%–23.6%)"))
        #expect(text.contains("Prompt tokens       400\n"))
        #expect(text.contains("Completion tokens   120\n"))
    }
}

import EmberModels

enum TokenUsageFixture {
    static let usage = TokenUsage(inputTokens: 20, outputTokens: 6)
}

@Suite("Evaluation pipeline: resume, journal and budget", .timeLimit(.minutes(1)))
struct EvaluationPipelineResumeTests {
    func records(_ count: Int) -> [DatasetRecord] {
        (1...count).map {
            DatasetRecord(id: "r\($0)", question: "What is \($0)?", answer: String($0),
                          answerKind: .number)
        }
    }

    func answer(_ record: DatasetRecord) -> SystemAnswer {
        SystemAnswer(text: "#### \(record.answer)", usage: TokenUsageFixture.usage,
                     cost: Decimal(string: "0.01"))
    }

    @Test("finished items are not run again; failed ones are retried")
    func resumeSkipsFinished() async {
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 2)
        let first = await pipeline.run(records(4)) { record in
            if record.id == "r3" { throw EvaluationPipelineTests.Failure() }
            return answer(record)
        }
        let asked = Mutex<[String]>([])
        var written: [(String, Int)] = []
        let second = await pipeline.run(
            records(6), finished: first.results,
            record: { result, position in written.append((result.recordID, position)) }
        ) { record in
            asked.withLock { $0.append(record.id) }
            return answer(record)
        }
        #expect(asked.withLock { $0.sorted() } == ["r3", "r5", "r6"])
        #expect(second.results.map(\.recordID) == (1...6).map { "r\($0)" })
        #expect(second.correctCount == 6)
        #expect(second.isComplete)
        #expect(written.map(\.0).sorted() == ["r3", "r5", "r6"])
        #expect(written.first { $0.0 == "r5" }?.1 == 4)
    }

    /// A service whose model `test/priced` costs $1,000 per million tokens each way, so a
    /// call of 10 prompt and 5 output tokens (what the scripted provider reports) costs
    /// $0.015; with a 10-token output limit and a short prompt, each call is estimated at
    /// 12 tokens, $0.012, before it is sent.
    func pricedService(_ provider: ScriptedModelProvider) -> ModelService {
        let price = ModelPricing(inputPerMillion: 1000, outputPerMillion: 1000)
        let registry = ModelRegistry([ModelInfo(id: ModelID(provider: "test", model: "priced"),
                                                pricing: price)])
        var service = ModelService(registry: registry,
                                   usage: UsageService(registry: registry), retryPolicy: .never)
        service.register(provider, as: "test", limits: RateLimits(maximumConcurrency: 100))
        return service
    }

    /// A system that asks `test/priced` `calls` times, one after another, per item.
    func system(_ service: ModelService, calls: Int = 1)
        -> @Sendable (DatasetRecord) async throws -> SystemAnswer
    {
        { record in
            var request = ModelRequest(messages: [.user(record.question)])
            request.parameters.maximumTokens = 10
            var text = ""
            var usage = TokenUsage.zero
            var cost: Decimal = 0
            for _ in 0..<calls {
                let response = try await service.complete(request, model: "test/priced")
                text = response.text ?? ""
                usage = usage + (response.usage ?? .zero)
                cost += service.usage.cost(of: response.usage,
                                           model: ModelID(provider: "test", model: "priced")) ?? 0
            }
            return SystemAnswer(text: text, usage: usage, cost: cost)
        }
    }

    @Test("a dollar budget refuses the call that could exceed it, before it is sent")
    func dollarBudget() async throws {
        let provider = ScriptedModelProvider { prompt, _ in "#### \(prompt)" }
        // $0.04: two calls spend $0.030; a third, estimated at $0.012, could pass the limit.
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 1,
                                          budget: BudgetLimit(dollars: Decimal(string: "0.04")))
        let summary = await pipeline.run(records(10), system: system(pricedService(provider)))
        #expect(summary.itemCount == 2)
        #expect(provider.calls.count == 2)
        #expect(summary.cost == Decimal(string: "0.03"))
        guard case .budgetExhausted(let refusal) = summary.stop else {
            Issue.record("the run stopped for another reason: \(summary.stop)")
            return
        }
        #expect(refusal.reason == .dollars)
        #expect(refusal.spent.dollars == Decimal(string: "0.03"))
        #expect(refusal.estimate.cost == Decimal(string: "0.012"))
        #expect(refusal.description.contains("so it was not sent: $0.0300 spent"))
    }

    @Test("a token budget holds for an earlier session's spending too")
    func tokenBudgetAcrossSessions() async throws {
        let provider = ScriptedModelProvider { prompt, _ in "#### \(prompt)" }
        let service = pricedService(provider)
        // 15 tokens a call, 12 estimated: 40 allow two calls (30 + 12 > 40).
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 1,
                                          budget: BudgetLimit(tokens: 40))
        let first = await pipeline.run(records(10), system: system(service))
        #expect(first.itemCount == 2)
        #expect(provider.calls.count == 2)
        // Resumed under the same limit, the two earlier items' 30 tokens count: no call fits.
        let second = await pipeline.run(records(10), finished: first.results,
                                        system: system(service))
        #expect(provider.calls.count == 2)
        #expect(second.itemCount == 2)
        guard case .budgetExhausted(let refusal) = second.stop else {
            Issue.record("the run stopped for another reason: \(second.stop)")
            return
        }
        #expect(refusal.spent.tokens == 30)
        #expect(refusal.reason == .tokens)
    }

    @Test("an item with a refused call is left unanswered, not scored on a partial answer")
    func refusedItemIsNotScored() async throws {
        let provider = ScriptedModelProvider { prompt, _ in "#### \(prompt)" }
        // Three calls an item: the second item's first call fits (45 + 12 ≤ 60), its second
        // does not (60 + 12 > 60).
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 1,
                                          budget: BudgetLimit(tokens: 60))
        var written: [String] = []
        let summary = await pipeline.run(
            records(5), record: { result, _ in written.append(result.recordID) },
            system: system(pricedService(provider), calls: 3))
        #expect(provider.calls.count == 4)
        #expect(written == ["r1"])
        #expect(summary.results.map(\.recordID) == ["r1"])
        #expect(summary.errorCount == 0)
        guard case .budgetExhausted = summary.stop else {
            Issue.record("the run stopped for another reason: \(summary.stop)")
            return
        }
    }

    @Test("a journal that cannot be written stops the run, keeping what was computed")
    func journalFailure() async {
        struct DiskFull: Error, CustomStringConvertible {
            var description: String { "disk full" }
        }
        let pipeline = EvaluationPipeline(evaluator: NumericEvaluator(), maximumConcurrency: 1)
        var writes = 0
        let summary = await pipeline.run(records(10), record: { _, _ in
            writes += 1
            if writes == 2 { throw DiskFull() }
        }) { answer($0) }
        #expect(summary.stop == .journalFailed("disk full"))
        #expect(summary.itemCount == 2)
    }
}
