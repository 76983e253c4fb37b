import EmberModels
import Foundation

/// The totals of one subset of a run (an MMLU subject), for a per-subset breakdown.
public struct EvaluationSubsetSummary: Sendable, Hashable {
    /// The subset's name, or `nil` for the items that belong to none.
    public var name: String?
    /// Items evaluated in the subset, errors included.
    public var itemCount: Int
    /// Items scored correct.
    public var correctCount: Int
    /// Items whose call failed.
    public var errorCount: Int
    /// Tokens spent over the subset's items that reported usage.
    public var usage: TokenUsage
    /// Dollars spent, or `nil` when any answered item's cost is unknown; failed calls
    /// count as free, as in ``EvaluationSummary/cost``.
    public var cost: Decimal?

    /// Totals `results`, which should all belong to the subset `name`.
    public init(name: String?, results: [EvaluationItemResult]) {
        let summary = EvaluationSummary(results: results, plannedCount: results.count,
                                        wallTime: .zero)
        self.name = name
        itemCount = summary.itemCount
        correctCount = summary.correctCount
        errorCount = summary.errorCount
        usage = summary.usage
        cost = summary.cost
    }

    /// Correct items over all items; a failed call counts as wrong. 0 with no items.
    public var accuracy: Double {
        itemCount == 0 ? 0 : Double(correctCount) / Double(itemCount)
    }

    /// The 95% Wilson interval of ``accuracy``.
    public var accuracyInterval: ConfidenceInterval {
        .wilson(successes: correctCount, trials: itemCount)
    }
}
