/// The way into every model: routes a call for `provider/model` to that provider, and
/// retries the failures that may pass.
///
/// Build one with the providers an application has configured and share it; it holds no
/// mutable state. With a ``responseCache``, each call is looked up there first (a hit sends
/// nothing and costs nothing) and its response stored once it arrives.
public struct ModelService: Sendable {
    private var providers: [String: any ModelProvider]
    /// When failed calls are tried again.
    public var retryPolicy: RetryPolicy { didSet { identity = Identity() } }
    /// The models known by name, with their prices.
    public let registry: ModelRegistry
    /// Where every successful call's tokens and cost are recorded.
    public let usage: UsageService
    /// What the service's calls are doing right now, for progress lines.
    public let activity = ModelActivity()
    /// A budget every call through the service must fit, besides those in force for the
    /// calling task (``withBudget(_:operation:)``); `nil` for none.
    public var budget: Budget? { didSet { identity = Identity() } }
    /// Where responses are looked up before a call and stored after it, as the cache's
    /// mode says; `nil` for no cache.
    public var responseCache: ResponseCache? { didSet { identity = Identity() } }
    /// Where the service writes one debug line per call (model, status, latency, tokens,
    /// cost, attempts, cache hit) and a trace line per wait; never a prompt, a reply or a
    /// credential. By default it discards everything.
    public var logger: Logger { didSet { identity = Identity() } }
    /// This configuration of the service: kept by copies, renewed by every change.
    public private(set) var identity = Identity()
    private var rateLimiters: [String: ProviderRateLimiters]
    /// Retry policies of providers registered with their own, replacing ``retryPolicy``.
    private var retryPolicies: [String: RetryPolicy] = [:]
    private let clock: any Clock<Duration>

    /// Creates a service over named providers.
    ///
    /// - Parameters:
    ///   - providers: Providers by name, the part of a model id before the `/`.
    ///   - registry: The models known by name, with their prices.
    ///   - usage: Where calls are recorded; by default a ledger pricing with `registry`.
    ///   - rateLimits: Limits per provider name, binding the provider or each of its
    ///     models as their ``RateLimits/scope`` says; a provider without an entry gets
    ///     ``RateLimits/init(maximumConcurrency:requestsPerMinute:tokensPerMinute:scope:)``'s
    ///     defaults when registered.
    ///   - retryPolicy: When failed calls are tried again.
    ///   - budget: A budget every call must fit.
    ///   - clock: The clock retries wait on; tests pass one that records the waits.
    ///   - responseCache: Where responses are looked up and stored; `nil` for no cache.
    ///   - logger: Where each call's log line goes; by default nowhere.
    public init(providers: [String: any ModelProvider] = [:],
                registry: ModelRegistry = .builtIn, usage: UsageService? = nil,
                rateLimits: [String: RateLimits] = [:],
                retryPolicy: RetryPolicy = .standard, budget: Budget? = nil,
                clock: any Clock<Duration> = ContinuousClock(),
                responseCache: ResponseCache? = nil, logger: Logger = .disabled) {
        self.providers = providers
        self.registry = registry
        self.usage = usage ?? UsageService(registry: registry)
        var limiters = rateLimits.mapValues(ProviderRateLimiters.init)
        for name in providers.keys where limiters[name] == nil {
            limiters[name] = ProviderRateLimiters(RateLimits())
        }
        self.rateLimiters = limiters
        self.retryPolicy = retryPolicy
        self.budget = budget
        self.clock = clock
        self.responseCache = responseCache
        self.logger = logger
    }

    /// Registers a provider under a name, replacing any provider of that name, with the
    /// limits its calls share (all of them, or each model's, as ``RateLimits/scope`` says)
    /// and, if given, a retry policy of its own in place of ``retryPolicy``.
    public mutating func register(_ provider: any ModelProvider, as name: String,
                                  limits: RateLimits = RateLimits(),
                                  retryPolicy: RetryPolicy? = nil) {
        providers[name] = provider
        rateLimiters[name] = ProviderRateLimiters(limits)
        retryPolicies[name] = retryPolicy
        identity = Identity()
    }

    /// The retry policy of a provider's calls: its own, else ``retryPolicy``.
    public func retryPolicy(for provider: String) -> RetryPolicy {
        retryPolicies[provider] ?? retryPolicy
    }

    /// The limiter every call to a provider passes through, or `nil` for a provider not
    /// registered or limited per model (ask with the model's ``ModelID`` then).
    public func rateLimiter(for provider: String) -> RateLimiter? {
        rateLimiters[provider]?.providerLimiter
    }

    /// The limiter calls to a model pass through: its provider's, or the model's own where
    /// the provider is limited per model; `nil` for a provider not registered.
    public func rateLimiter(for model: ModelID) -> RateLimiter? {
        rateLimiters[model.provider]?.limiter(for: model.model)
    }

    /// The names of the registered providers, sorted.
    public var providerNames: [String] { providers.keys.sorted() }

    /// Asks a model for a reply, retrying as ``retryPolicy`` allows.
    ///
    /// With a ``responseCache``, the reply may come from it (``ModelResponse/isCached``),
    /// recorded in ``usage`` as a hit of no cost; identical calls in flight at once are sent
    /// once.
    ///
    /// - Throws: ``ModelError/unknownProvider(_:known:)`` when no provider has the id's
    ///   provider name; ``BudgetExceededError``, before anything is sent, when the call's
    ///   estimate does not fit a budget in force (a reply from the cache needs no room);
    ///   ``ResponseCacheError`` for a request replay mode has not recorded; or the last
    ///   attempt's error.
    public func complete(_ request: ModelRequest, model id: ModelID) async throws
        -> ModelResponse
    {
        let provider = try provider(for: id)
        guard let responseCache else { return try await send(request, to: provider, model: id) }
        let usage = self.usage
        let started = ContinuousClock.now
        let served = try await responseCache.response(
            for: request, model: id, cost: { usage.cost(of: $0.usage, model: id) },
            send: { try await send(request, to: provider, model: id) })
        if served.response.isCached {
            usage.recordCacheHit(served.response, model: id, originalCost: served.originalCost)
            logCall(ModelCallLogEntry(model: id, isStreaming: false, started: started),
                    result: .success(served.response), cacheHit: true)
        }
        return served.response
    }

    /// Sends one call through the budgets, the provider's limiter and retry policy, records
    /// its usage and logs it: the one place a completion leaves for the provider.
    private func send(_ request: ModelRequest, to provider: any ModelProvider,
                      model id: ModelID) async throws -> ModelResponse {
        let limiter = rateLimiter(for: id)
        let estimate = estimate(of: request, model: id)
        let activity = self.activity
        var call = ModelCallLogEntry(model: id, isStreaming: false)
        let hold: BudgetHold
        do {
            hold = try BudgetHold(estimate, model: id, in: budgetsInForce)
        } catch {
            logCall(call, result: .failure(error))
            throw error
        }
        let response: ModelResponse
        do {
            response = try await retrying(provider: id.provider, &call) {
                try await Self.admitted(by: limiter, estimatedTokens: estimate.tokens,
                                        usage: { $0.usage }, activity: activity,
                                        logger: logger, model: id) {
                    try await provider.complete(request, model: id.model)
                }
            }
        } catch {
            hold.release()
            logCall(call, result: .failure(error))
            throw error
        }
        let record = usage.record(response, model: id)
        hold.settle(usage: record.usage, cost: record.cost)
        logCall(call, result: .success(response))
        return response
    }

    /// Asks a model, named by its `provider/model` id or an alias, for a reply.
    public func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        try await complete(request, model: registry.resolve(model))
    }

    /// Asks a model for a reply and yields it as it is generated.
    ///
    /// A stream that fails before its first text is retried as ``retryPolicy`` allows; once
    /// text has been yielded, a failure ends the stream (its error keeps the partial text).
    /// Cancelling the reading task, or abandoning the stream, closes the request.
    ///
    /// With a ``responseCache``, a hit yields the stored text as one delta, then
    /// ``ModelStreamEvent/completed(_:)``; a streamed reply is stored once it completes.
    /// Streams are not shared between identical calls in flight.
    public func stream(_ request: ModelRequest, model id: ModelID)
        -> AsyncThrowingStream<ModelStreamEvent, any Error>
    {
        AsyncThrowingStream { continuation in
            let task = Task {
                var call = ModelCallLogEntry(model: id, isStreaming: true)
                do {
                    let provider = try provider(for: id)
                    if let hit = try responseCache?.cachedResponse(for: request, model: id) {
                        usage.recordCacheHit(hit.response, model: id,
                                             originalCost: hit.originalCost)
                        if let text = hit.response.text { continuation.yield(.textDelta(text)) }
                        continuation.yield(.completed(hit.response))
                        logCall(call, result: .success(hit.response), cacheHit: true)
                        continuation.finish()
                        return
                    }
                    let limiter = rateLimiter(for: id)
                    let estimate = estimate(of: request, model: id)
                    let hold = try BudgetHold(estimate, model: id, in: budgetsInForce)
                    var settled = false
                    defer { if !settled { hold.release() } }
                    let activity = self.activity
                    var finished: ModelResponse?
                    try await retrying(provider: id.provider, &call) {
                        var hasText = false
                        do {
                            let response = try await Self.admitted(
                                by: limiter, estimatedTokens: estimate.tokens,
                                usage: { $0?.usage },
                                activity: activity, logger: logger, model: id
                            ) { () async throws -> ModelResponse? in
                                var completed: ModelResponse?
                                for try await event in provider.stream(request, model: id.model) {
                                    switch event {
                                    case .textDelta: hasText = true
                                    case .completed(let response): completed = response
                                    }
                                    continuation.yield(event)
                                }
                                return completed
                            }
                            if let response {
                                let record = usage.record(response, model: id)
                                hold.settle(usage: record.usage, cost: record.cost)
                                settled = true
                                responseCache?.store(
                                    response, cost: record.cost, for: request, model: id)
                            }
                            finished = response
                        } catch where hasText {
                            throw StreamFailedAfterText(underlying: error)
                        }
                    }
                    logCall(call, result: .success(finished))
                    continuation.finish()
                } catch let error as StreamFailedAfterText {
                    logCall(call, result: .failure(error.underlying))
                    continuation.finish(throwing: error.underlying)
                } catch {
                    logCall(call, result: .failure(error))
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Runs one attempt of a call once the provider's limiter admits it, and tells the
    /// limiter how it went.
    private static func admitted<Result: Sendable>(
        by limiter: RateLimiter?, estimatedTokens: Int,
        usage: (Result) -> TokenUsage?,
        activity: ModelActivity, logger: Logger, model: ModelID,
        _ call: () async throws -> Result
    ) async throws -> Result {
        guard let limiter else { return try await activity.sending(call) }
        let waitStarted = logger.isEnabled(.trace) ? ContinuousClock.now : nil
        let permit = try await activity.waitingOnRateLimit {
            try await limiter.acquire(estimatedTokens: estimatedTokens)
        }
        if let waitStarted { logRateLimitWait(since: waitStarted, model: model, logger: logger) }
        do {
            let result = try await activity.sending(call)
            limiter.release(permit, actualTokens: usage(result)?.totalTokens)
            limiter.recordSuccess()
            return result
        } catch {
            limiter.release(permit)
            if (error as? ModelError)?.kind == .rateLimited { limiter.recordRateLimited() }
            throw error
        }
    }

    /// Runs `operation` under the provider's retry policy, each back-off shown in
    /// ``activity`` while it lasts.
    private func retrying<Result: Sendable>(
        provider: String, _ call: inout ModelCallLogEntry,
        _ operation: () async throws -> Result
    ) async throws -> Result {
        var backOff: Int?
        defer { if let backOff { activity.retryEnded(backOff) } }
        let model = call.model
        return try await retryPolicy(for: provider).execute(
            clock: clock,
            onRetry: { attempt, error, delay in
                logRetry(model: model, attempt: attempt, error: error, delay: delay)
                backOff = activity.retryStarted(delay: delay)
            }
        ) {
            call.attempts += 1
            if let token = backOff {
                activity.retryEnded(token)
                backOff = nil
            }
            return try await operation()
        }
    }

    /// What a call will use at most, for budgets and tokens-per-minute limits before the
    /// provider reports the true count.
    private func estimate(of request: ModelRequest, model: ModelID) -> CallEstimate {
        CallEstimate(request, pricing: registry.info(for: model)?.pricing)
    }

    /// The service's budget, then those in force for the calling task.
    private var budgetsInForce: [Budget] {
        (budget.map { [$0] } ?? []) + Budget.current
    }

    private func provider(for id: ModelID) throws(ModelError) -> any ModelProvider {
        guard let provider = providers[id.provider] else {
            throw .unknownProvider(id.provider, known: providerNames)
        }
        return provider
    }
}

/// A stream error after text was yielded: not retried, since the text cannot be taken back.
private struct StreamFailedAfterText: Error {
    var underlying: any Error
}
