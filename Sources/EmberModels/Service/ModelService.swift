/// The way into every model: routes a call for `provider/model` to that provider, and
/// retries the failures that may pass.
///
/// Build one with the providers an application has configured and share it; it holds no
/// mutable state.
public struct ModelService: Sendable {
    private var providers: [String: any ModelProvider]
    /// When failed calls are tried again.
    public var retryPolicy: RetryPolicy
    /// The models known by name, with their prices.
    public let registry: ModelRegistry
    /// Where every successful call's tokens and cost are recorded.
    public let usage: UsageService
    /// What the service's calls are doing right now, for progress lines.
    public let activity = ModelActivity()
    /// Where the service writes one debug line per call (model, status, latency, tokens,
    /// cost, attempts) and a trace line per wait; never a prompt, a reply or a credential.
    /// By default it discards everything.
    public var logger: Logger
    private var rateLimiters: [String: RateLimiter]
    private let clock: any Clock<Duration>

    /// Creates a service over named providers.
    ///
    /// - Parameters:
    ///   - providers: Providers by name, the part of a model id before the `/`.
    ///   - registry: The models known by name, with their prices.
    ///   - usage: Where calls are recorded; by default a ledger pricing with `registry`.
    ///   - rateLimits: Limits per provider name; a provider without an entry gets
    ///     ``RateLimits/init(maximumConcurrency:requestsPerMinute:tokensPerMinute:)``'s
    ///     defaults when registered.
    ///   - retryPolicy: When failed calls are tried again.
    ///   - clock: The clock retries wait on; tests pass one that records the waits.
    ///   - logger: Where each call's log line goes; by default nowhere.
    public init(providers: [String: any ModelProvider] = [:],
                registry: ModelRegistry = .builtIn, usage: UsageService? = nil,
                rateLimits: [String: RateLimits] = [:],
                retryPolicy: RetryPolicy = .standard,
                clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = .disabled) {
        self.providers = providers
        self.registry = registry
        self.usage = usage ?? UsageService(registry: registry)
        var limiters = rateLimits.mapValues(RateLimiter.init)
        for name in providers.keys where limiters[name] == nil {
            limiters[name] = RateLimiter(RateLimits())
        }
        self.rateLimiters = limiters
        self.retryPolicy = retryPolicy
        self.clock = clock
        self.logger = logger
    }

    /// Registers a provider under a name, replacing any provider of that name, with the
    /// limits every call to it shares.
    public mutating func register(_ provider: any ModelProvider, as name: String,
                                  limits: RateLimits = RateLimits()) {
        providers[name] = provider
        rateLimiters[name] = RateLimiter(limits)
    }

    /// The limiter every call to a provider passes through.
    public func rateLimiter(for provider: String) -> RateLimiter? {
        rateLimiters[provider]
    }

    /// The names of the registered providers, sorted.
    public var providerNames: [String] { providers.keys.sorted() }

    /// Asks a model for a reply, retrying as ``retryPolicy`` allows.
    ///
    /// - Throws: ``ModelError/unknownProvider(_:known:)`` when no provider has the id's
    ///   provider name, or the last attempt's error.
    public func complete(_ request: ModelRequest, model id: ModelID) async throws
        -> ModelResponse
    {
        let provider = try provider(for: id)
        let limiter = rateLimiters[id.provider]
        let estimate = Self.estimatedTokens(of: request)
        let activity = self.activity
        var call = ModelCallLogEntry(model: id, isStreaming: false)
        let response: ModelResponse
        do {
            response = try await retrying(&call) {
                try await Self.admitted(by: limiter, estimatedTokens: estimate,
                                        usage: { $0.usage }, activity: activity,
                                        logger: logger, model: id) {
                    try await provider.complete(request, model: id.model)
                }
            }
        } catch {
            logCall(call, result: .failure(error))
            throw error
        }
        usage.record(response, model: id)
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
    public func stream(_ request: ModelRequest, model id: ModelID)
        -> AsyncThrowingStream<ModelStreamEvent, any Error>
    {
        AsyncThrowingStream { continuation in
            let task = Task {
                var call = ModelCallLogEntry(model: id, isStreaming: true)
                do {
                    let provider = try provider(for: id)
                    let limiter = rateLimiters[id.provider]
                    let estimate = Self.estimatedTokens(of: request)
                    let activity = self.activity
                    var finished: ModelResponse?
                    try await retrying(&call) {
                        var hasText = false
                        do {
                            let response = try await Self.admitted(
                                by: limiter, estimatedTokens: estimate, usage: { $0?.usage },
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
                            if let response { usage.record(response, model: id) }
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

    /// Runs `operation` under ``retryPolicy``, each back-off shown in ``activity`` while it
    /// lasts.
    private func retrying<Result: Sendable>(
        _ call: inout ModelCallLogEntry, _ operation: () async throws -> Result
    ) async throws -> Result {
        var backOff: Int?
        defer { if let backOff { activity.retryEnded(backOff) } }
        let model = call.model
        return try await retryPolicy.execute(
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

    /// A rough count of the tokens a call will use, for tokens-per-minute limits before the
    /// provider reports the true count: four characters a token, plus the output limit.
    static func estimatedTokens(of request: ModelRequest) -> Int {
        let characters = request.messages.reduce(0) { $0 + ($1.content?.count ?? 0) }
        return characters / 4 + (request.parameters.maximumTokens ?? 256)
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
