import EmberData
import EmberModels
import Foundation

/// What a system under evaluation answered for one item.
public struct SystemAnswer: Sendable, Hashable {
    /// The answer text.
    public var text: String
    /// The tokens spent producing it, or `nil` where the provider did not say.
    public var usage: TokenUsage?
    /// What it cost in dollars, or `nil` where that is unknown.
    public var cost: Decimal?

    /// Creates an answer.
    public init(text: String, usage: TokenUsage?, cost: Decimal? = nil) {
        self.text = text
        self.usage = usage
        self.cost = cost
    }
}

/// The record of one evaluated item: what was asked, answered and decided.
public struct EvaluationItemResult: Sendable, Hashable {
    /// The record's stable id.
    public var recordID: String
    /// The gold answer.
    public var gold: String
    /// The system's answer text, or `nil` when the call failed.
    public var response: String?
    /// The verdict, or `nil` when the call failed.
    public var outcome: EvaluationOutcome?
    /// Why the call failed, or `nil` when it did not.
    public var error: String?
    /// Tokens spent on the item, where known.
    public var usage: TokenUsage?
    /// Dollars spent on the item, where known.
    public var cost: Decimal?
    /// How long the system took on the item.
    public var latency: Duration

    /// Whether the system's answer was scored correct.
    public var isCorrect: Bool { outcome?.isCorrect ?? false }
    /// Whether the system answered but no answer could be read from it.
    public var isUnanswered: Bool { outcome != nil && outcome?.extractedAnswer == nil }
}
