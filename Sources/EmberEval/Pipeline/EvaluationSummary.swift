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

    /// Correct items over all evaluated items; a failed call counts as wrong.
    public var accuracy: Double {
        itemCount == 0 ? 0 : Double(correctCount) / Double(itemCount)
    }

    /// The 95% Wilson interval of ``accuracy``.
    public var accuracyInterval: ConfidenceInterval {
        .wilson(successes: correctCount, trials: itemCount)
    }

    /// Tokens spent over all items that reported usage.
    public var usage: TokenUsage {
        results.compactMap(\.usage).reduce(TokenUsage(inputTokens: 0, outputTokens: 0), +)
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

    /// Items evaluated per second of wall time.
    public var itemsPerSecond: Double {
        let seconds = wallTime.seconds
        return seconds > 0 ? Double(itemCount) / seconds : 0
    }
}
