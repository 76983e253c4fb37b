import BenchmarkSupport
import EmberData
import EmberEval
import EmberModels
import EmberOperators
import Foundation

// EmberEvalBench: the evaluation pipeline's own cost per record, with a model that answers
// at once, against a baseline in the same process: a bare task group calling the same
// system and evaluator with the same concurrency bound. Release build; see BENCHMARKS.md.
// Usage: EmberEvalBench [--quick]   (--quick: 1,000 records, one repetition)

let isQuick = CommandLine.arguments.contains("--quick")
let count = isQuick ? 1_000 : 10_000
let repetitions = isQuick ? 1 : 5
let concurrency = 8

let records = (1...count).map {
    DatasetRecord(id: "bench/\($0)", question: "What is \($0) plus one?",
                  answer: String($0 + 1), answerKind: .number)
}
let evaluator = NumericEvaluator()
let usage = TokenUsage(inputTokens: 40, outputTokens: 12)
@Sendable func system(_ record: DatasetRecord) async throws -> SystemAnswer {
    SystemAnswer(text: "Adding one gives\n#### \(record.answer)", usage: usage,
                 cost: Decimal(string: "0.00001"))
}

/// The same work with no pipeline: bounded task group, evaluate, collect.
func baseline() async -> Int {
    await withTaskGroup(of: Bool.self) { group in
        var next = 0
        var correct = 0
        func start() {
            guard next < records.count else { return }
            let record = records[next]
            next += 1
            group.addTask {
                let answer = try? await system(record)
                return await evaluator.evaluate(answer?.text ?? "", for: record).isCorrect
            }
        }
        for _ in 0..<concurrency { start() }
        while let isCorrect = await group.next() {
            correct += isCorrect ? 1 : 0
            start()
        }
        return correct
    }
}

func measure(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    return (clock.now - start).seconds
}

/// The pipeline writing every result to `journal`, as `ember eval` does.
func journaledRun(_ journal: RunJournal, runID: String) async {
    _ = await pipeline.run(records, record: { result, position in
        try journal.record(result, position: position, runID: runID)
    }, system: system)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("ember-eval-bench-\(UUID().uuidString)").path
defer { try? FileManager.default.removeItem(atPath: directory) }

print("EmberEvalBench: \(count) records, zero-latency scripted model, concurrency "
      + "\(concurrency), median of \(repetitions) runs, "
      + "\(ProcessInfo.processInfo.activeProcessorCount) CPUs\n")
print("variant                    records/s    ×baseline time   peak MB")

var baselineSeconds: [Double] = []
var pipelineSeconds: [Double] = []
var journalSeconds: [Double] = []
var peaks: [String: Int] = [:]
let pipeline = EvaluationPipeline(evaluator: evaluator, maximumConcurrency: concurrency)
for repetition in 0..<repetitions {
    PeakMemory.reset()
    baselineSeconds.append(await measure { _ = await baseline() })
    peaks["baseline"] = max(peaks["baseline"] ?? 0, PeakMemory.current() ?? 0)

    PeakMemory.reset()
    pipelineSeconds.append(await measure {
        let summary = await pipeline.run(records, system: system)
        precondition(summary.correctCount == count, "the scripted answers are all correct")
    })
    peaks["pipeline"] = max(peaks["pipeline"] ?? 0, PeakMemory.current() ?? 0)

    PeakMemory.reset()
    let database = try SQLiteDatabase(path: "\(directory)/bench-\(repetition).db")
    let journal = try RunJournal(database: database)
    let run = try journal.startRun(
        configuration: EvaluationRunConfiguration(
            dataset: "bench", system: "scripted", model: "scripted", evaluator: "numeric",
            prompt: "{question}"),
        plannedCount: count)
    journalSeconds.append(await measure { await journaledRun(journal, runID: run.id) })
    peaks["journal"] = max(peaks["journal"] ?? 0, PeakMemory.current() ?? 0)
    let journaled = try journal.items(runID: run.id).count
    precondition(journaled == count, "every record is journaled")
}

let base = median(baselineSeconds)
for (name, key, seconds) in [("baseline (task group)", "baseline", baselineSeconds),
                             ("pipeline, no journal", "pipeline", pipelineSeconds),
                             ("pipeline + SQLite journal", "journal", journalSeconds)] {
    let time = median(seconds)
    let row = [name.padding(toLength: 27, withPad: " ", startingAt: 0),
               String(format: "%-13.0f", Double(count) / time),
               String(format: "%-17.2f", time / base),
               String(format: "%.1f", Double(peaks[key] ?? 0) / 1_048_576)]
    print(row.joined())
}
