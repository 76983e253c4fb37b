import EmberModels
import Foundation

/// One model call an operator made, as reports count it: tokens, cost and latency.
public struct ModelCallRecord: Sendable, Hashable {
    /// The model called.
    public var model: ModelID
    /// The tokens the provider reported, if it reported any; for a cached call, the
    /// original call's, which were not spent again.
    public var usage: TokenUsage?
    /// The call's cost in dollars, or `nil` when its usage or the model's prices are
    /// unknown; 0 for a cached call.
    public var cost: Decimal?
    /// From sending the request to the last byte of the response (the original call's,
    /// for a cached call).
    public var latency: Duration?
    /// Why generation stopped.
    public var finishReason: FinishReason?
    /// Whether the response came from the response cache, so nothing was sent or spent.
    public var isCached: Bool
    /// For a cached call, what the original call cost, or `nil` where unknown; for a call
    /// that was sent, `nil` (see ``cost``).
    public var originalCost: Decimal?

    /// Creates a record.
    public init(model: ModelID, usage: TokenUsage? = nil, cost: Decimal? = nil,
                latency: Duration? = nil, finishReason: FinishReason? = nil,
                isCached: Bool = false, originalCost: Decimal? = nil) {
        self.model = model
        self.usage = usage
        self.cost = cost
        self.latency = latency
        self.finishReason = finishReason
        self.isCached = isCached
        self.originalCost = originalCost
    }

    /// Whether the response stopped at its token limit.
    public var isTruncated: Bool { finishReason == .length }
}

/// One response among several, as ensembles return them and judges read them.
public struct Candidate: Sendable, Hashable {
    /// The response's text.
    public var text: String
    /// The call that produced it, or `nil` for a candidate given by the caller.
    public var call: ModelCallRecord?

    /// Creates a candidate.
    public init(text: String, call: ModelCallRecord? = nil) {
        self.text = text
        self.call = call
    }

    /// Whether the response stopped at its token limit, so its answer may be cut short.
    public var isTruncated: Bool { call?.isTruncated ?? false }
}

extension Array where Element == ModelCallRecord {
    /// The tokens the calls spent, added up: calls that reported none, and cached calls,
    /// count as zero.
    public var totalUsage: TokenUsage {
        reduce(.zero) { $0 + ($1.isCached ? .zero : $1.usage ?? .zero) }
    }

    /// The dollars the cached calls did not spend: their original calls' known costs.
    public var savedCost: Decimal {
        reduce(0) { $0 + ($1.isCached ? $1.originalCost ?? 0 : 0) }
    }

    /// The calls' total cost, or `nil` when any call's cost is unknown.
    public var totalCost: Decimal? {
        reduce(Decimal(0) as Decimal?) { total, call in
            guard let total, let cost = call.cost else { return nil }
            return total + cost
        }
    }
}
