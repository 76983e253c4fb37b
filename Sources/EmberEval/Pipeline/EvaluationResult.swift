import EmberData
import EmberModels
import EmberOperators
import Foundation

/// What a system under evaluation answered for one item.
public struct SystemAnswer: Sendable, Hashable {
    /// The answer text.
    public var text: String
    /// The tokens spent producing it, or `nil` where the provider did not say.
    public var usage: TokenUsage?
    /// What it cost in dollars, or `nil` where that is unknown.
    public var cost: Decimal?
    /// Whether a model stopped at its token limit on the way to this answer.
    public var isTruncated: Bool
    /// Model calls made for the answer.
    public var callCount: Int
    /// For a compound system, what each of its nodes produced; empty for a single call.
    public var nodes: [NodeOutput]

    /// Creates an answer.
    public init(text: String, usage: TokenUsage?, cost: Decimal? = nil,
                isTruncated: Bool = false, callCount: Int = 1, nodes: [NodeOutput] = []) {
        self.text = text
        self.usage = usage
        self.cost = cost
        self.isTruncated = isTruncated
        self.callCount = callCount
        self.nodes = nodes
    }

    /// A compound system's answer, with every node's output.
    public init(_ result: SystemResult, of system: CompoundSystem) {
        self.init(text: result.answer ?? "", usage: result.usage, cost: result.cost,
                  isTruncated: result.isTruncated, callCount: result.calls.count,
                  nodes: NodeOutput.outputs(of: result, system: system))
    }
}

/// The record of one evaluated item: what was asked, answered and decided.
public struct EvaluationItemResult: Sendable, Hashable, Codable {
    /// The record's stable id.
    public var recordID: String
    /// The record's subset (an MMLU subject), or `nil`.
    public var subset: String?
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
    /// Whether a model stopped at its token limit while answering.
    public var isTruncated: Bool
    /// For a compound system, every node's output, scored; `nil` for a single call, or
    /// when the call failed.
    public var nodes: [NodeOutput]?

    /// Creates a result.
    public init(recordID: String, subset: String? = nil, gold: String, response: String?,
                outcome: EvaluationOutcome?, error: String?, usage: TokenUsage?,
                cost: Decimal?, latency: Duration, isTruncated: Bool = false,
                nodes: [NodeOutput]? = nil) {
        self.recordID = recordID
        self.subset = subset
        self.gold = gold
        self.response = response
        self.outcome = outcome
        self.error = error
        self.usage = usage
        self.cost = cost
        self.latency = latency
        self.isTruncated = isTruncated
        self.nodes = nodes
    }

    /// Whether the system's answer was scored correct.
    public var isCorrect: Bool { outcome?.isCorrect ?? false }
    /// Whether the system answered but no answer could be read from it.
    public var isUnanswered: Bool { outcome != nil && outcome?.extractedAnswer == nil }
}
