import EmberModels
import Foundation

/// The totals of an evaluation run, computed from its item results.
public struct EvaluationSummary: Sendable {
    /// The results, in the dataset's order.
    public var results: [EvaluationItemResult]
    /// How many items the run set out to evaluate.
    public var plannedCount: Int
    /// Wall-clock time from the first call to the last answer.
    public var wallTime: Duration
    /// Why the run stopped.
    public var stop: EvaluationStop

    /// Creates a summary of results.
    public init(results: [EvaluationItemResult], plannedCount: Int, wallTime: Duration,
                stop: EvaluationStop = .complete) {
        self.results = results
        self.plannedCount = plannedCount
        self.wallTime = wallTime
        self.stop = stop
    }

    /// Items evaluated, errors included.
    public var itemCount: Int { results.count }
    /// Whether every planned item was evaluated (false after an interruption).
    public var isComplete: Bool { results.count == plannedCount }
    /// Items scored correct.
    public var correctCount: Int { results.count(where: \.isCorrect) }
    /// Items answered with no readable answer.
    public var unansweredCount: Int { results.count(where: \.isUnanswered) }
    /// Items whose call failed.
    public var errorCount: Int { results.count(where: { $0.error != nil }) }
    /// Items whose call returned an answer (``itemCount`` less ``errorCount``).
    public var answeredCount: Int { itemCount - errorCount }
    /// Items where a model stopped at its token limit on the way to the answer.
    public var truncatedCount: Int { results.count(where: \.isTruncated) }

    /// Correct items over all evaluated items; a failed call counts as wrong.
    public var accuracy: Double {
        itemCount == 0 ? 0 : Double(correctCount) / Double(itemCount)
    }

    /// The 95% Wilson interval of ``accuracy``.
    public var accuracyInterval: ConfidenceInterval {
        .wilson(successes: correctCount, trials: itemCount)
    }

    /// The mean of the items' scores, a failed call scoring 0; `nil` with no items.
    ///
    /// Equal to ``accuracy`` for evaluators that give only full or no credit.
    public var meanScore: Double? {
        guard itemCount > 0 else { return nil }
        return results.reduce(0) { $0 + ($1.outcome?.score ?? 0) } / Double(itemCount)
    }

    /// Tokens spent over all items that reported usage.
    public var usage: TokenUsage {
        results.compactMap(\.usage).reduce(TokenUsage(inputTokens: 0, outputTokens: 0), +)
    }

    /// Items that reported their token usage.
    public var usageReportedCount: Int { results.count(where: { $0.usage != nil }) }

    /// The mean tokens (input and output) of the items that reported usage, or `nil` when
    /// none did.
    public var tokensPerItem: Double? {
        let reported = usageReportedCount
        return reported == 0 ? nil : Double(usage.totalTokens) / Double(reported)
    }

    /// All tokens spent, on right and wrong answers alike, per correct answer: what one
    /// right answer costs in tokens. `nil` when nothing was correct or no item reported
    /// usage.
    public var tokensPerCorrectAnswer: Double? {
        guard correctCount > 0, usageReportedCount > 0 else { return nil }
        return Double(usage.totalTokens) / Double(correctCount)
    }

    /// Dollars spent over the answered items, or `nil` when any answered item's cost is
    /// unknown (an unknown cost is not $0). Failed calls count as free.
    public var cost: Decimal? {
        var total: Decimal = 0
        for result in results where result.error == nil {
            guard let cost = result.cost else { return nil }
            total += cost
        }
        return total
    }

    /// ``cost`` over every evaluated item, or `nil` when the cost is unknown or there are no
    /// items. Not rounded: a report rounds it for display.
    public var costPerItem: Decimal? {
        guard let cost, itemCount > 0 else { return nil }
        return cost / Decimal(itemCount)
    }

    /// ``cost`` over the correct items: what one right answer costs. `nil` when the cost is
    /// unknown or nothing was correct. Not rounded.
    public var costPerCorrectAnswer: Decimal? {
        guard let cost, correctCount > 0 else { return nil }
        return cost / Decimal(correctCount)
    }

    /// The spread of the latencies, in seconds, of the items whose call returned; `nil`
    /// when none did. A failed call's time (a refused connection, a timeout) is left out,
    /// as it says how the failure happened rather than how fast the system answers.
    /// Percentiles are by nearest rank (see ``DistributionSummary``).
    public var latency: DistributionSummary? {
        DistributionSummary(results.filter { $0.error == nil }.map(\.latency.seconds))
    }

    /// The totals of each subset, sorted by name, the items without one last.
    public var subsets: [EvaluationSubsetSummary] {
        Dictionary(grouping: results, by: \.subset)
            .map { EvaluationSubsetSummary(name: $0.key, results: $0.value) }
            .sorted { lhs, rhs in
                switch (lhs.name, rhs.name) {
                case let (left?, right?): left < right
                case (.some, .none): true
                case (.none, _): false
                }
            }
    }

    /// Items evaluated per second of wall time.
    public var itemsPerSecond: Double {
        let seconds = wallTime.seconds
        return seconds > 0 ? Double(itemCount) / seconds : 0
    }
}
