import EmberData
import EmberModels
import Foundation

/// Where a run stands, reported after every finished item.
public struct EvaluationProgress: Sendable {
    /// Items finished so far, those of an earlier session of a resumed run included.
    public var finished: Int
    /// Items the run will evaluate.
    public var total: Int
    /// Finished items scored correct.
    public var correct: Int
    /// Finished items whose call failed.
    public var errors: Int
    /// Items being answered right now.
    public var inFlight: Int
    /// Dollars spent so far, or `nil` while any item's cost is unknown.
    public var cost: Decimal?
    /// Items finished in this session (the rate and the time left are computed from these).
    public var finishedThisSession: Int
    /// Time since this session of the run started.
    public var elapsed: Duration

    /// Items per second in this session.
    public var rate: Double {
        let seconds = elapsed.seconds
        return seconds > 0 ? Double(finishedThisSession) / seconds : 0
    }

    /// The time the remaining items will take at the current rate, or `nil` before the
    /// first item of the session finishes.
    public var estimatedTimeLeft: Duration? {
        guard rate > 0 else { return nil }
        return .seconds(Double(total - finished) / rate)
    }
}

/// Why a run stopped.
public enum EvaluationStop: Sendable, Hashable {
    /// Every item finished.
    case complete
    /// The calling task was cancelled (Ctrl-C).
    case cancelled
    /// A model call was refused because it could have taken the run past its budget; the
    /// refusal says what was spent and what the call needed.
    case budgetExhausted(BudgetExceededError)
    /// A finished item could not be written to the journal; the run stopped so that nothing
    /// more is computed and lost.
    case journalFailed(String)
}

/// Runs a system over dataset records with bounded concurrency, scores every answer, and
/// hands each result to a journal the moment it is known.
///
/// A failed call is recorded as an error for its item and the run goes on. Cancelling the
/// calling task stops starting new items, cancels those in flight, and returns the results
/// of the items that finished.
public struct EvaluationPipeline: Sendable {
    /// The evaluator that scores each answer.
    public var evaluator: any Evaluator
    /// The most items in flight at once.
    public var maximumConcurrency: Int
    /// What the run may spend, its earlier sessions included; `nil` for no limit.
    public var budget: BudgetLimit?

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - evaluator: Scores each answer against its record.
    ///   - maximumConcurrency: The most items in flight at once; at least 1.
    ///   - budget: What the run may spend. Every model call the system makes is held to it
    ///     before it is sent (see ``Budget``); once one is refused, no item starts, the items
    ///     in flight finish if their calls fit, and an item with a refused call is left
    ///     unanswered, to be run again when the run is resumed.
    public init(evaluator: any Evaluator, maximumConcurrency: Int = 4,
                budget: BudgetLimit? = nil) {
        self.evaluator = evaluator
        self.maximumConcurrency = max(1, maximumConcurrency)
        self.budget = budget
    }

    /// Evaluates `system` on each record that has no finished result yet.
    ///
    /// - Parameters:
    ///   - records: The items, in the order results are reported.
    ///   - finished: Results of an earlier session of the same run. Records with a result
    ///     here are not run again, unless the result is a failed call, which is retried.
    ///   - record: Called with each new result and its record's position, on the task that
    ///     runs the pipeline, before the next item starts; a throw stops the run
    ///     (``EvaluationStop/journalFailed(_:)``).
    ///   - progress: Called once before the first item starts (with the earlier results'
    ///     figures) and after each item finishes, on the task that runs the pipeline.
    ///   - system: Answers one record; it may throw, which marks that item as an error.
    /// - Returns: The results of every item that finished, in the records' order.
    public func run(
        _ records: [DatasetRecord],
        finished: [EvaluationItemResult] = [],
        record: (EvaluationItemResult, Int) throws -> Void = { _, _ in },
        progress: (EvaluationProgress) -> Void = { _ in },
        system: @escaping @Sendable (DatasetRecord) async throws -> SystemAnswer
    ) async -> EvaluationSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let earlier = Dictionary(finished.filter { $0.error == nil }.map { ($0.recordID, $0) },
                                 uniquingKeysWith: { first, _ in first })
        var results = records.map { earlier[$0.id] }
        let pending = records.indices.filter { results[$0] == nil }
        var tally = Tally(results.compactMap { $0 })
        var report = EvaluationProgress(
            finished: tally.finished, total: records.count, correct: tally.correct,
            errors: tally.errors, inFlight: 0, cost: tally.cost, finishedThisSession: 0,
            elapsed: .zero)
        var stop = EvaluationStop.complete
        let evaluator = self.evaluator
        let budget = self.budget.map {
            Budget($0, label: "the run's budget", spent: BudgetSpending(dollars: tally.cost ?? 0,
                                                               tokens: tally.tokens))
        }
        progress(report)

        await withTaskGroup(of: (Int, ItemOutcome).self) { group in
            var next = 0
            func startNext() {
                guard next < pending.count, !Task.isCancelled, stop == .complete else { return }
                let index = pending[next]
                let item = records[index]
                next += 1
                report.inFlight += 1
                group.addTask {
                    (index, await Self.evaluate(item, system: system, evaluator: evaluator,
                                                budget: budget))
                }
            }
            for _ in 0..<min(maximumConcurrency, pending.count) { startNext() }
            while let (index, outcome) = await group.next() {
                report.inFlight -= 1
                let result: EvaluationItemResult
                switch outcome {
                case .answered(let answered):
                    result = answered
                case .cancelled:
                    // An item cut short by cancellation is not a result: it was never answered.
                    continue
                case .refused(let refusal):
                    if stop == .complete { stop = .budgetExhausted(refusal) }
                    continue
                }
                results[index] = result
                do {
                    try record(result, index)
                } catch {
                    stop = .journalFailed(String(describing: error))
                    group.cancelAll()
                }
                tally.add(result)
                report.finished = tally.finished
                report.correct = tally.correct
                report.errors = tally.errors
                report.cost = tally.cost
                report.finishedThisSession += 1
                report.elapsed = clock.now - start
                progress(report)
                startNext()
            }
        }
        if stop == .complete, Task.isCancelled, results.contains(where: { $0 == nil }) {
            stop = .cancelled
        }
        return EvaluationSummary(results: results.compactMap { $0 },
                                 plannedCount: records.count, wallTime: clock.now - start,
                                 stop: stop)
    }

    /// How one item ended.
    private enum ItemOutcome: Sendable {
        case answered(EvaluationItemResult)
        /// The run was cancelled before the item was answered.
        case cancelled
        /// A call of the item's was refused by the budget, so its answer would not be the
        /// system's (an ensemble short of samples): it is left for a resumed run.
        case refused(BudgetExceededError)
    }

    private static func evaluate(
        _ record: DatasetRecord,
        system: @escaping @Sendable (DatasetRecord) async throws -> SystemAnswer,
        evaluator: any Evaluator, budget: Budget?
    ) async -> ItemOutcome {
        guard let budget else {
            return await evaluate(record, system: system, evaluator: evaluator)
        }
        let item = Budget(BudgetLimit(), label: "item \(record.id)")
        let outcome = await withBudget(budget) {
            await withBudget(item) {
                await evaluate(record, system: system, evaluator: evaluator)
            }
        }
        if case .cancelled = outcome { return outcome }
        return item.refusal.map(ItemOutcome.refused) ?? outcome
    }

    private static func evaluate(
        _ record: DatasetRecord,
        system: @Sendable (DatasetRecord) async throws -> SystemAnswer,
        evaluator: any Evaluator
    ) async -> ItemOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let answer = try await system(record)
            let latency = clock.now - start
            let outcome = await EvaluationItemResult.score(
                answer.text, isTruncated: answer.isTruncated, for: record, with: evaluator)
            var nodes = answer.nodes
            for index in nodes.indices {
                await nodes[index].score(with: evaluator, for: record)
            }
            return .answered(EvaluationItemResult(
                recordID: record.id, subset: record.subset, gold: record.answer,
                response: answer.text, outcome: outcome, error: nil, usage: answer.usage,
                cost: answer.cost, latency: latency, isTruncated: answer.isTruncated,
                nodes: nodes.isEmpty ? nil : nodes))
        } catch {
            if Task.isCancelled { return .cancelled }
            return .answered(EvaluationItemResult(
                recordID: record.id, subset: record.subset, gold: record.answer,
                response: nil, outcome: nil, error: String(describing: error), usage: nil,
                cost: nil, latency: clock.now - start))
        }
    }
}

/// The running totals a pipeline keeps for its progress, and an earlier session's spending.
private struct Tally {
    var finished = 0
    var correct = 0
    var errors = 0
    /// Dollars over the answered items, or `nil` once any answered item's cost is unknown.
    var cost: Decimal? = 0
    /// Tokens over the answered items.
    var tokens = 0

    init(_ results: [EvaluationItemResult]) {
        for result in results { add(result) }
    }

    mutating func add(_ result: EvaluationItemResult) {
        finished += 1
        correct += result.isCorrect ? 1 : 0
        errors += result.error == nil ? 0 : 1
        guard result.error == nil else { return }
        tokens += (result.usage?.inputTokens ?? 0) + (result.usage?.outputTokens ?? 0)
        if let known = cost, let itemCost = result.cost {
            cost = known + itemCost
        } else {
            cost = nil
        }
    }

}
