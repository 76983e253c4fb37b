import Foundation
import Synchronization

/// A limit on what model calls may spend, in dollars, tokens or both, shared by every call
/// made under it.
///
/// ``ModelService`` asks each budget in force for a call before sending it: the call's
/// estimate (its prompt at four characters a token, and its whole output limit) is reserved,
/// and a call whose estimate would take the spending past a limit is refused with
/// ``BudgetExceededError`` before any byte is sent. When the call finishes, its reservation
/// is replaced by what it actually used. A budget is in force for calls started inside
/// ``withBudget(_:operation:)`` (child tasks included), or for every call of a service whose
/// ``ModelService/budget`` it is.
///
/// Safe to share between tasks.
public final class Budget: Sendable {
    /// What the calls may spend.
    public let limit: BudgetLimit
    /// The budget as errors name it: "the run's budget".
    public let label: String
    private let state: Mutex<State>

    private struct State {
        var spent: BudgetSpending
        var reservedDollars: Decimal = 0
        var reservedTokens = 0
        var refusal: BudgetExceededError?
    }

    @TaskLocal static var inForce: [Budget] = []

    /// Creates a budget.
    ///
    /// - Parameters:
    ///   - limit: What the calls may spend.
    ///   - label: The budget as errors name it: "the run's budget".
    ///   - spent: What was spent before, such as by an earlier session of a resumed run.
    public init(_ limit: BudgetLimit, label: String, spent: BudgetSpending = BudgetSpending()) {
        self.limit = limit
        self.label = label
        self.state = Mutex(State(spent: spent))
    }

    /// What the finished calls have spent.
    public var spent: BudgetSpending { state.withLock { $0.spent } }

    /// The first call refused while this budget was in force, by this budget or another one
    /// in force for the same call.
    public var refusal: BudgetExceededError? { state.withLock { $0.refusal } }

    /// The budgets in force for calls started by the current task, outermost first.
    public static var current: [Budget] { inForce }

    /// Holds back a call's estimate, or refuses the call.
    ///
    /// - Throws: ``BudgetExceededError`` when what was spent, what calls in flight hold and
    ///   this estimate together pass a limit, or when a dollar limit meets a model of unknown
    ///   price.
    func reserve(_ estimate: CallEstimate, model: ModelID) throws(BudgetExceededError)
        -> Reservation
    {
        try state.withLock { (state) throws(BudgetExceededError) -> Reservation in
            func refuse(_ reason: BudgetExceededError.Reason) -> BudgetExceededError {
                let error = BudgetExceededError(
                    label: label, model: model, reason: reason, limit: limit,
                    spent: state.spent, reservedDollars: state.reservedDollars,
                    reservedTokens: state.reservedTokens, estimate: estimate)
                if state.refusal == nil { state.refusal = error }
                return error
            }
            if let tokens = limit.tokens,
               state.spent.tokens + state.reservedTokens + estimate.tokens > tokens {
                throw refuse(.tokens)
            }
            var dollars: Decimal = 0
            if let limit = limit.dollars {
                guard let cost = estimate.cost else { throw refuse(.unknownPrice) }
                guard state.spent.dollars + state.reservedDollars + cost <= limit else {
                    throw refuse(.dollars)
                }
                dollars = cost
            }
            state.reservedDollars += dollars
            state.reservedTokens += estimate.tokens
            return Reservation(dollars: dollars, tokens: estimate.tokens)
        }
    }

    /// Replaces a reservation with what the call used.
    ///
    /// A call that reported no usage is charged its estimate: what it spent is unknown, and
    /// the estimate is the most it could have.
    func settle(_ reservation: Reservation, usage: TokenUsage?, cost: Decimal?) {
        state.withLock { state in
            state.reservedDollars -= reservation.dollars
            state.reservedTokens -= reservation.tokens
            state.spent.tokens += usage?.totalTokens ?? reservation.tokens
            state.spent.dollars += cost ?? reservation.dollars
        }
    }

    /// Remembers a refusal by another budget in force for the same call, so that a scope
    /// with no limit of its own (one dataset item) can tell its calls were cut short.
    func noteRefusal(_ error: BudgetExceededError) {
        state.withLock { state in
            if state.refusal == nil { state.refusal = error }
        }
    }

    /// Gives a reservation back unspent: the call failed before it could use anything.
    func release(_ reservation: Reservation) {
        state.withLock { state in
            state.reservedDollars -= reservation.dollars
            state.reservedTokens -= reservation.tokens
        }
    }

    /// What a call holds of a budget while it runs.
    struct Reservation {
        var dollars: Decimal
        var tokens: Int
    }
}

/// Runs `operation` with `budget` in force for every model call inside it, child tasks
/// included, besides any budget already in force.
public func withBudget<Result>(
    _ budget: Budget, operation: () async throws -> Result
) async rethrows -> Result {
    try await Budget.$inForce.withValue(Budget.inForce + [budget], operation: operation)
}

/// What a budget allows: dollars, tokens or both; `nil` is no limit.
public struct BudgetLimit: Sendable, Hashable {
    /// The most dollars, or `nil` for no limit.
    public var dollars: Decimal?
    /// The most tokens (prompt and output), or `nil` for no limit.
    public var tokens: Int?

    /// Creates a limit.
    public init(dollars: Decimal? = nil, tokens: Int? = nil) {
        self.dollars = dollars
        self.tokens = tokens
    }

    /// Whether the limit limits nothing.
    public var isUnlimited: Bool { dollars == nil && tokens == nil }
}

/// What calls have spent.
public struct BudgetSpending: Sendable, Hashable {
    /// Dollars.
    public var dollars: Decimal
    /// Tokens, prompt and output.
    public var tokens: Int

    /// Creates a figure of spending.
    public init(dollars: Decimal = 0, tokens: Int = 0) {
        self.dollars = dollars
        self.tokens = tokens
    }
}

/// What a call is expected to use at most, before it is sent.
public struct CallEstimate: Sendable, Hashable {
    /// The prompt's tokens, at four characters a token.
    public var inputTokens: Int
    /// The output limit: the request's maximum tokens, or 256 when it sets none.
    public var outputTokens: Int
    /// The dollars those tokens cost, or `nil` when the model's prices are unknown.
    public var cost: Decimal?

    /// Prompt and output tokens together.
    public var tokens: Int { inputTokens + outputTokens }

    /// The estimate of a request to a model with `pricing`.
    public init(_ request: ModelRequest, pricing: ModelPricing?) {
        let characters = request.messages.reduce(0) { $0 + ($1.content?.count ?? 0) }
        inputTokens = characters / 4
        outputTokens = request.parameters.maximumTokens ?? 256
        cost = pricing?.cost(of: TokenUsage(inputTokens: inputTokens,
                                            outputTokens: outputTokens))
    }
}

/// A model call refused because it could take a budget past its limit; nothing was sent.
public struct BudgetExceededError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which limit the call would have passed.
    public enum Reason: Sendable, Hashable {
        /// The dollar limit.
        case dollars
        /// The token limit.
        case tokens
        /// A dollar limit holds, and the model's prices are unknown.
        case unknownPrice
    }

    /// The budget, as the message names it.
    public var label: String
    /// The model the call was for.
    public var model: ModelID
    /// Which limit the call would have passed.
    public var reason: Reason
    /// The budget's limit.
    public var limit: BudgetLimit
    /// What finished calls had spent.
    public var spent: BudgetSpending
    /// The dollars held by calls in flight.
    public var reservedDollars: Decimal
    /// The tokens held by calls in flight.
    public var reservedTokens: Int
    /// The refused call's estimate.
    public var estimate: CallEstimate

    public var description: String {
        switch reason {
        case .unknownPrice:
            return "\(label.prefix(1).uppercased() + label.dropFirst()) is in dollars, and the "
                + "price of \(model) is unknown, "
                + "so the call was not sent; give the model a price or use a token budget."
        case .tokens:
            return "A call to \(model) could take \(label) past "
                + "\(limit.tokens ?? 0) tokens, so it was not sent: \(spent.tokens) spent, "
                + "\(reservedTokens) held by calls in flight, up to \(estimate.tokens) for "
                + "this one."
        case .dollars:
            return "A call to \(model) could take \(label) past "
                + "\((limit.dollars ?? 0).dollarsText), so it was not sent: "
                + "\(spent.dollars.dollarsText) spent, \(reservedDollars.dollarsText) held "
                + "by calls in flight, up to \((estimate.cost ?? 0).dollarsText) for this one."
        }
    }
}

/// What one call holds of every budget in force for it, from before it is sent until it
/// finishes.
struct BudgetHold {
    private var held: [(budget: Budget, reservation: Budget.Reservation)] = []

    /// Reserves `estimate` in each budget, or in none.
    ///
    /// - Throws: The first refusal, which every budget in force remembers; what the budgets
    ///   before it held is given back.
    init(_ estimate: CallEstimate, model: ModelID, in budgets: [Budget])
        throws(BudgetExceededError)
    {
        for budget in budgets {
            do {
                held.append((budget, try budget.reserve(estimate, model: model)))
            } catch {
                release()
                for budget in budgets { budget.noteRefusal(error) }
                throw error
            }
        }
    }

    /// Charges every budget what the call used.
    func settle(usage: TokenUsage?, cost: Decimal?) {
        for (budget, reservation) in held {
            budget.settle(reservation, usage: usage, cost: cost)
        }
    }

    /// Gives every reservation back.
    func release() {
        for (budget, reservation) in held { budget.release(reservation) }
    }
}
