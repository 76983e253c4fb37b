import EmberData

/// Where a run stands, reported after every finished item.
public struct EvaluationProgress: Sendable {
    /// Items finished so far.
    public var finished: Int
    /// Items the run will evaluate.
    public var total: Int
    /// Finished items scored correct.
    public var correct: Int
    /// Finished items whose call failed.
    public var errors: Int
    /// Time since the run started.
    public var elapsed: Duration
}

/// Runs a system over dataset records with bounded concurrency and scores every answer.
///
/// A failed call is recorded as an error for its item and the run goes on. Cancelling the
/// calling task stops starting new items, cancels those in flight, and returns the results
/// of the items that finished.
public struct EvaluationPipeline: Sendable {
    /// The evaluator that scores each answer.
    public var evaluator: any Evaluator
    /// The most items in flight at once.
    public var maximumConcurrency: Int

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - evaluator: Scores each answer against the record's gold answer.
    ///   - maximumConcurrency: The most items in flight at once; at least 1.
    public init(evaluator: any Evaluator, maximumConcurrency: Int = 4) {
        self.evaluator = evaluator
        self.maximumConcurrency = max(1, maximumConcurrency)
    }

    /// Evaluates `system` on each record.
    ///
    /// - Parameters:
    ///   - records: The items, in the order results are reported.
    ///   - progress: Called after each item finishes, from the task that runs the pipeline.
    ///   - system: Answers one record; it may throw, which marks that item as an error.
    /// - Returns: The results of every item that finished, in the records' order.
    public func run(
        _ records: [DatasetRecord],
        progress: (EvaluationProgress) -> Void = { _ in },
        system: @escaping @Sendable (DatasetRecord) async throws -> SystemAnswer
    ) async -> EvaluationSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var results = [EvaluationItemResult?](repeating: nil, count: records.count)
        var report = EvaluationProgress(finished: 0, total: records.count, correct: 0,
                                        errors: 0, elapsed: .zero)
        let evaluator = self.evaluator

        await withTaskGroup(of: (Int, EvaluationItemResult?).self) { group in
            var next = 0
            func startNext() {
                guard next < records.count, !Task.isCancelled else { return }
                let index = next
                let record = records[index]
                next += 1
                group.addTask {
                    (index, await Self.evaluate(record, system: system, evaluator: evaluator))
                }
            }
            for _ in 0..<min(maximumConcurrency, records.count) { startNext() }
            while let (index, finished) = await group.next() {
                // An item cut short by cancellation is not a result: it was never answered.
                guard let result = finished else { continue }
                results[index] = result
                report.finished += 1
                report.correct += result.isCorrect ? 1 : 0
                report.errors += result.error == nil ? 0 : 1
                report.elapsed = clock.now - start
                progress(report)
                startNext()
            }
        }
        return EvaluationSummary(results: results.compactMap { $0 },
                                 plannedCount: records.count, wallTime: clock.now - start)
    }

    private static func evaluate(
        _ record: DatasetRecord,
        system: @Sendable (DatasetRecord) async throws -> SystemAnswer,
        evaluator: any Evaluator
    ) async -> EvaluationItemResult? {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let answer = try await system(record)
            let latency = clock.now - start
            return EvaluationItemResult(
                recordID: record.id, subset: record.subset, gold: record.answer,
                response: answer.text, outcome: await evaluator.evaluate(answer.text, for: record),
                error: nil, usage: answer.usage, cost: answer.cost, latency: latency,
                isTruncated: answer.isTruncated)
        } catch {
            if Task.isCancelled { return nil }
            return EvaluationItemResult(
                recordID: record.id, subset: record.subset, gold: record.answer,
                response: nil, outcome: nil,
                error: String(describing: error), usage: nil, cost: nil,
                latency: clock.now - start)
        }
    }
}
