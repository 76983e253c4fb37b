import Foundation
import Synchronization

/// One model call as the usage ledger keeps it.
public struct UsageRecord: Sendable, Hashable {
    /// The model called.
    public var model: ModelID
    /// Its token counts, or `nil` where the provider sent none.
    public var usage: TokenUsage?
    /// Its cost in dollars, or `nil` where the usage or the model's prices are unknown;
    /// 0 for a cache hit.
    public var cost: Decimal?
    /// The scope it ran in (an evaluation run's id), if any.
    public var scope: String?
    /// When it finished.
    public var date: Date
    /// Whether the response came from the response cache: nothing was sent, and its tokens
    /// (the original call's) were not spent again.
    public var isCacheHit = false
    /// For a cache hit, what the original call cost, or `nil` where that is unknown.
    public var originalCost: Decimal?
}

/// Totals over a set of calls.
public struct UsageTotals: Sendable, Hashable {
    /// Calls counted.
    public var calls = 0
    /// Tokens over the calls that reported usage.
    public var usage = TokenUsage.zero
    /// Dollars over the calls whose cost is known.
    public var knownCost: Decimal = 0
    /// Calls whose cost is unknown (no usage reported, or no prices for the model).
    public var callsOfUnknownCost = 0
    /// The calls served from the response cache, counted in ``calls`` at no cost and no
    /// tokens.
    public var cacheHits = 0
    /// The dollars the cache hits did not spend: their original calls' known costs.
    public var savedCost: Decimal = 0

    /// The total cost, or `nil` when some call's cost is unknown: an unknown is not $0.
    public var cost: Decimal? { callsOfUnknownCost == 0 ? knownCost : nil }

    /// Creates empty totals.
    public init() {}

    mutating func add(_ record: UsageRecord) {
        add(usage: record.usage, cost: record.cost, isCacheHit: record.isCacheHit,
            originalCost: record.originalCost)
    }

    mutating func add(usage: TokenUsage?, cost: Decimal?, isCacheHit: Bool = false,
                      originalCost: Decimal? = nil) {
        calls += 1
        if isCacheHit {
            cacheHits += 1
            savedCost += originalCost ?? 0
            return
        }
        if let usage { self.usage = self.usage + usage }
        if let cost { knownCost += cost } else { callsOfUnknownCost += 1 }
    }

    /// Adds another set of totals to these.
    public mutating func add(_ other: UsageTotals) {
        calls += other.calls
        usage = usage + other.usage
        knownCost += other.knownCost
        callsOfUnknownCost += other.callsOfUnknownCost
        cacheHits += other.cacheHits
        savedCost += other.savedCost
    }
}

/// Records the tokens and cost of every model call, per model and per scope.
///
/// ``ModelService`` records each successful call here, under the scope set with
/// ``withScope(_:operation:)`` by the code that started it (child tasks inherit the scope).
/// Safe to share between tasks.
public final class UsageService: Sendable {
    private let records = Mutex<[UsageRecord]>([])
    private let registry: ModelRegistry
    private let ledger: UsageLedger?
    private let onLedgerError: @Sendable (any Error) -> Void

    @TaskLocal static var currentScope: String?

    /// Creates a usage service that prices calls with `registry`.
    ///
    /// - Parameters:
    ///   - registry: The prices of the known models.
    ///   - ledger: Where calls are also written to disk, or `nil` to keep them in memory.
    ///   - onLedgerError: Told when a call could not be written to the ledger; the call
    ///     itself is not failed for it.
    public init(registry: ModelRegistry = .builtIn, ledger: UsageLedger? = nil,
                onLedgerError: @escaping @Sendable (any Error) -> Void = { _ in }) {
        self.registry = registry
        self.ledger = ledger
        self.onLedgerError = onLedgerError
    }

    /// Runs `operation` with every model call inside it recorded under `scope`.
    public func withScope<Result>(
        _ scope: String, operation: () async throws -> Result
    ) async rethrows -> Result {
        try await Self.$currentScope.withValue(scope, operation: operation)
    }

    /// The cost of a call's usage, or `nil` when the usage or the model's prices are unknown.
    public func cost(of usage: TokenUsage?, model: ModelID) -> Decimal? {
        guard let usage, let pricing = registry.info(for: model)?.pricing else { return nil }
        return pricing.cost(of: usage)
    }

    /// What a response cost: 0 when it came from the cache, else its usage's cost, or
    /// `nil` when that is unknown.
    public func cost(of response: ModelResponse, model: ModelID) -> Decimal? {
        response.isCached ? 0 : cost(of: response.usage, model: model)
    }

    /// Records one finished call under the current scope.
    @discardableResult
    public func record(_ response: ModelResponse, model: ModelID) -> UsageRecord {
        append(UsageRecord(model: model, usage: response.usage,
                           cost: cost(of: response.usage, model: model),
                           scope: Self.currentScope, date: Date()))
    }

    /// Records a call the response cache answered, under the current scope: no cost
    /// incurred, and what the original call cost.
    ///
    /// - Parameter originalCost: The original call's cost; `nil` prices the response's
    ///   usage with the registry.
    @discardableResult
    public func recordCacheHit(_ response: ModelResponse, model: ModelID,
                               originalCost: Decimal?) -> UsageRecord {
        append(UsageRecord(model: model, usage: response.usage, cost: 0,
                           scope: Self.currentScope, date: Date(), isCacheHit: true,
                           originalCost: originalCost
                               ?? cost(of: response.usage, model: model)))
    }

    private func append(_ record: UsageRecord) -> UsageRecord {
        records.withLock { $0.append(record) }
        if let ledger {
            do {
                try ledger.append(record)
            } catch {
                onLedgerError(error)
            }
        }
        return record
    }

    /// Every call recorded, in order.
    public var allRecords: [UsageRecord] { records.withLock { $0 } }

    /// Totals over every call, or over one scope's.
    public func totals(scope: String? = nil) -> UsageTotals {
        records.withLock { records in
            records.filter { scope == nil || $0.scope == scope }
                .reduce(into: UsageTotals()) { $0.add($1) }
        }
    }

    /// Totals per model, over every call or one scope's.
    public func totalsByModel(scope: String? = nil) -> [ModelID: UsageTotals] {
        records.withLock { records in
            records.filter { scope == nil || $0.scope == scope }
                .reduce(into: [:]) { $0[$1.model, default: UsageTotals()].add($1) }
        }
    }
}
