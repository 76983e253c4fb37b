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

/// A limit on what a run may spend, in dollars, tokens or both.
public struct EvaluationBudget: Sendable, Hashable {
    /// The most dollars the run may spend, or `nil` for no limit.
    public var dollars: Decimal?
    /// The most tokens (prompt and completion) the run may spend, or `nil` for no limit.
    public var tokens: Int?

    /// Creates a budget.
    public init(dollars: Decimal? = nil, tokens: Int? = nil) {
        self.dollars = dollars
        self.tokens = tokens
    }
}

/// Why a run stopped.
public enum EvaluationStop: Sendable, Hashable {
    /// Every item finished.
    case complete
    /// The calling task was cancelled (Ctrl-C).
    case cancelled
    /// Starting another item would have exceeded the budget; the figures say how far it got.
    case budgetExhausted(spent: Decimal?, spentTokens: Int, estimatePerItem: Decimal?,
                         estimatedTokensPerItem: Int)
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
    /// What the run may spend; `nil` for no limit.
    public var budget: EvaluationBudget?

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - evaluator: Scores each answer against its record.
    ///   - maximumConcurrency: The most items in flight at once; at least 1.
    ///   - budget: What the run may spend. Before an item starts, what was spent plus an
    ///     estimate for the items in flight and this one (the mean of the items finished so
    ///     far) must stay within it, so the run stops before exceeding it.
    public init(evaluator: any Evaluator, maximumConcurrency: Int = 4,
                budget: EvaluationBudget? = nil) {
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
        progress(report)

        await withTaskGroup(of: (Int, EvaluationItemResult?).self) { group in
            var next = 0
            func startNext() {
                guard next < pending.count, !Task.isCancelled, stop == .complete else { return }
                if let exhausted = tally.exhaustion(of: budget, inFlight: report.inFlight) {
                    stop = exhausted
                    return
                }
                let index = pending[next]
                let item = records[index]
                next += 1
                report.inFlight += 1
                group.addTask {
                    (index, await Self.evaluate(item, system: system, evaluator: evaluator))
                }
            }
            for _ in 0..<min(maximumConcurrency, pending.count) { startNext() }
            while let (index, outcome) = await group.next() {
                report.inFlight -= 1
                // An item cut short by cancellation is not a result: it was never answered.
                guard let result = outcome else { continue }
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
            var outcome = await evaluator.evaluate(answer.text, for: record)
            if answer.isTruncated, !outcome.isCorrect, outcome.extractedAnswer == nil {
                outcome.explanation = "truncated response (the model hit its token limit); "
                    + outcome.explanation
            }
            return EvaluationItemResult(
                recordID: record.id, subset: record.subset, gold: record.answer,
                response: answer.text, outcome: outcome, error: nil, usage: answer.usage,
                cost: answer.cost, latency: latency, isTruncated: answer.isTruncated)
        } catch {
            if Task.isCancelled { return nil }
            return EvaluationItemResult(
                recordID: record.id, subset: record.subset, gold: record.answer,
                response: nil, outcome: nil, error: String(describing: error), usage: nil,
                cost: nil, latency: clock.now - start)
        }
    }
}

/// The running totals a pipeline keeps for its progress and its budget.
private struct Tally {
    var finished = 0
    var correct = 0
    var errors = 0
    /// Dollars over the answered items, or `nil` once any answered item's cost is unknown.
    var cost: Decimal? = 0
    var tokens = 0
    /// Items that reported a cost or tokens, for the per-item estimate.
    var answered = 0

    init(_ results: [EvaluationItemResult]) {
        for result in results { add(result) }
    }

    mutating func add(_ result: EvaluationItemResult) {
        finished += 1
        correct += result.isCorrect ? 1 : 0
        errors += result.error == nil ? 0 : 1
        guard result.error == nil else { return }
        answered += 1
        tokens += (result.usage?.inputTokens ?? 0) + (result.usage?.outputTokens ?? 0)
        if let known = cost, let itemCost = result.cost {
            cost = known + itemCost
        } else {
            cost = nil
        }
    }

    /// Why another item may not start under `budget`, or `nil` when it may.
    func exhaustion(of budget: EvaluationBudget?, inFlight: Int) -> EvaluationStop? {
        guard let budget else { return nil }
        let pendingItems = inFlight + 1
        let tokensPerItem = answered > 0 ? (tokens + answered - 1) / answered : 0
        let costPerItem = answered > 0 ? cost.map { $0 / Decimal(answered) } : nil
        let stop = EvaluationStop.budgetExhausted(
            spent: cost, spentTokens: tokens, estimatePerItem: costPerItem,
            estimatedTokensPerItem: tokensPerItem)
        if let limit = budget.tokens, tokens + pendingItems * tokensPerItem > limit
            || tokens >= limit
        {
            return stop
        }
        if let limit = budget.dollars {
            // An unknown cost cannot be held to a dollar budget: stop rather than overspend.
            guard let spent = cost else { return stop }
            let estimate = (costPerItem ?? 0) * Decimal(pendingItems)
            if spent + estimate > limit || (spent >= limit && limit > 0) { return stop }
        }
        return nil
    }
}
