@_exported import EmberData
@_exported import EmberEval
@_exported import EmberOperators
@_exported import EmberXCS
@_exported import EmberModels

/// The services an Ember application uses, wired from its settings.
///
/// Build one at the application's edge and pass it down, or install it for a task and
/// everything that task starts with ``withContext(_:isolation:operation:)`` and read it back
/// as ``current``; tests build their own from settings of their choosing.
public struct EmberContext: Sendable {
    /// The settings the services were built from.
    public let settings: EmberSettings
    /// The HTTP client every provider sends through.
    public let httpClient: HTTPClient
    /// Routes model calls to providers.
    public let models: ModelService
    /// The persistent usage ledger, or `nil` when its database could not be opened.
    public let ledger: UsageLedger?
    /// Why the ledger could not be opened, if it could not.
    public let ledgerError: (any Error)?
    /// The journal of evaluation runs, in the same database as the ledger, or `nil` when it
    /// could not be opened (``ledgerError`` says why).
    public let journal: RunJournal?
    /// Why the response cache at ``EmberSettings/cachePath`` could not be opened, if its
    /// mode is not off and it could not; calls then run without it.
    public let cacheError: (any Error)?
    /// Where log lines go: records from ``EmberSettings/logLevel`` up, through the handler
    /// the context was built with. The model service logs through it.
    public let logger: Logger

    /// The model used when the configuration names none.
    @available(*, deprecated, message: "use settings.defaultModel (the 'model' setting)")
    public static let defaultModel = EmberSettings.builtInDefaultModel

    /// Wires the services from settings.
    ///
    /// The `local` provider always exists and points at the local model server. The
    /// `openai` (with `openai-responses`), `anthropic` and `gemini` providers exist when
    /// their API key is set or their base URL points at a server of the user's; each
    /// configured endpoint is a provider of its name. Every provider gets its configured
    /// timeout, attempts and rate limits, and the model registry the configured prices,
    /// context windows and aliases.
    /// Every call is held to the configured budget (``EmberSettings/budgetDollars`` and
    /// ``EmberSettings/budgetTokens``), if one is set.
    /// Every call is written to the usage ledger at ``EmberSettings/databasePath``, and
    /// evaluation runs to the journal beside it; if that database cannot be opened, calls
    /// still run and ``ledgerError`` says why. Unless ``EmberSettings/cacheMode`` is off,
    /// calls go through the response cache at ``EmberSettings/cachePath``; if it cannot be
    /// opened, calls run without it and ``cacheError`` says why.
    /// Log lines at ``EmberSettings/logLevel`` and above go to `logHandler`, by default
    /// standard error.
    public init(settings: EmberSettings, httpClient: HTTPClient = HTTPClient(),
                logHandler: any LogHandler = StandardErrorLogHandler()) {
        self.init(settings: settings, httpClient: httpClient, logHandler: logHandler,
                  reusing: nil)
    }

    /// Wires the services, keeping those of `previous` that the settings leave as they were.
    private init(settings: EmberSettings, httpClient: HTTPClient, logHandler: any LogHandler,
                 reusing previous: EmberContext?) {
        self.settings = settings
        self.httpClient = httpClient
        logger = Logger(label: "ember", minimumLevel: settings.logLevel, handler: logHandler)

        // 1. The usage ledger and the run journal, which share one database.
        if let previous, previous.settings.databasePath == settings.databasePath {
            (ledger, journal, ledgerError) = (previous.ledger, previous.journal,
                                              previous.ledgerError)
        } else {
            (ledger, journal, ledgerError) = Self.openDatabase(at: settings.databasePath)
        }

        // 2. The model registry: the built-in models with the configured prices, context
        //    windows and aliases.
        let registry = settings.modelRegistry()

        // 3. The model service, its providers and its logger.
        var models = ModelService(registry: registry,
                                  usage: UsageService(registry: registry, ledger: ledger),
                                  logger: logger)
        Self.registerProviders(settings, client: httpClient, in: &models)

        // 4. The budget every call is held to, if one is configured.
        let limit = BudgetLimit(dollars: settings.budgetDollars, tokens: settings.budgetTokens)
        if !limit.isUnlimited {
            models.budget = Budget(limit, label: "the configured budget (budget.dollars, "
                                       + "budget.tokens)")
        }

        // 5. The response cache, unless its mode is off.
        do {
            models.responseCache = try Self.responseCache(settings: settings)
            cacheError = nil
        } catch {
            cacheError = error
        }
        self.models = models
    }

    private static func openDatabase(at path: String)
        -> (UsageLedger?, RunJournal?, (any Error)?)
    {
        do {
            let database = try SQLiteDatabase(path: path)
            return (try UsageLedger(database: database), try RunJournal(database: database), nil)
        } catch {
            return (nil, nil, error)
        }
    }

    /// Registers the local provider, each configured built-in provider and each endpoint,
    /// with its timeouts, rate limits and attempts.
    private static func registerProviders(_ settings: EmberSettings, client: HTTPClient,
                                          in models: inout ModelService) {
        func register(_ provider: any ModelProvider, as name: String,
                      _ configuration: ProviderSettings) {
            let policy = configuration.retryPolicy
            models.register(provider, as: name, limits: configuration.rateLimits,
                            retryPolicy: policy == models.retryPolicy ? nil : policy)
        }
        let local = settings.local
        register(OpenAICompatibleProvider(baseURL: local.baseURL, apiKey: nil, client: client,
                                          timeouts: local.timeouts),
                 as: "local", local)
        if settings.isConfigured(.openAI) {
            let openAI = settings.openAI
            register(OpenAICompatibleProvider(baseURL: openAI.baseURL, apiKey: openAI.apiKey,
                                              client: client, timeouts: openAI.timeouts,
                                              organization: openAI.organization),
                     as: "openai", openAI)
            // The same account through the Responses API: `openai-responses/MODEL`.
            register(OpenAIResponsesProvider(baseURL: openAI.baseURL, apiKey: openAI.apiKey,
                                             client: client, timeouts: openAI.timeouts,
                                             organization: openAI.organization),
                     as: "openai-responses", openAI)
        }
        if settings.isConfigured(.anthropic) {
            let anthropic = settings.anthropic
            register(AnthropicProvider(baseURL: anthropic.baseURL, apiKey: anthropic.apiKey,
                                       client: client, timeouts: anthropic.timeouts),
                     as: "anthropic", anthropic)
        }
        if settings.isConfigured(.gemini) {
            let gemini = settings.gemini
            register(GeminiProvider(baseURL: gemini.baseURL, apiKey: gemini.apiKey,
                                    client: client, timeouts: gemini.timeouts),
                     as: "gemini", gemini)
        }
        for (name, endpoint) in settings.endpoints.sorted(by: { $0.key < $1.key }) {
            register(OpenAICompatibleProvider(baseURL: endpoint.baseURL, apiKey: endpoint.apiKey,
                                              client: client, timeouts: endpoint.timeouts,
                                              organization: endpoint.organization),
                     as: name, endpoint)
        }
    }

    /// The response cache the settings ask for, or `nil` when its mode is off.
    private static func responseCache(settings: EmberSettings) throws -> ResponseCache? {
        guard settings.cacheMode != .off else { return nil }
        return try ResponseCache(path: settings.cachePath, mode: settings.cacheMode,
                                 timeToLive: settings.cacheTimeToLive.map { .seconds($0) })
    }

    /// Checks, before any call, that a model id names a configured provider.
    ///
    /// - Throws: ``ModelError`` for an id that is not `provider/model`;
    ///   ``EmberContextError`` for a built-in provider without its credential or a provider
    ///   that does not exist, saying which setting or variable would configure it.
    public func resolve(model text: String) throws -> ModelID {
        let id = try models.registry.resolve(text)
        guard models.providerNames.contains(id.provider) else {
            switch id.provider {
            case "openai", "openai-responses":
                throw EmberContextError.missingCredential(
                    provider: id.provider, variable: "OPENAI_API_KEY",
                    key: "providers.openai.api_key",
                    hint: "or point providers.openai.base_url (OPENAI_BASE_URL) at an "
                        + "OpenAI-compatible server")
            case "anthropic":
                throw EmberContextError.missingCredential(
                    provider: "anthropic", variable: "ANTHROPIC_API_KEY",
                    key: "providers.anthropic.api_key",
                    hint: "or point providers.anthropic.base_url (ANTHROPIC_BASE_URL) at a "
                        + "server offering /v1/messages")
            case "gemini":
                throw EmberContextError.missingCredential(
                    provider: "gemini", variable: "GEMINI_API_KEY (or GOOGLE_API_KEY)",
                    key: "providers.gemini.api_key",
                    hint: "or point providers.gemini.base_url (GEMINI_BASE_URL) at a server "
                        + "offering generateContent")
            default:
                throw EmberContextError.unknownProvider(id.provider,
                                                        configured: models.providerNames)
            }
        }
        return id
    }
}

// MARK: - The current context and scoped overrides

extension EmberContext {
    /// The context of the innermost enclosing ``withContext(_:isolation:operation:)``.
    @TaskLocal static var installed: EmberContext?

    /// The context installed for the current task by the innermost enclosing
    /// ``withContext(_:isolation:operation:)`` (or ``withOverrides(_:isolation:operation:)``),
    /// or `nil` outside of any.
    ///
    /// There is no implicit default built from the machine's files and environment: an
    /// application installs the context it built at its edge, and a test installs its own,
    /// so that nothing a test runs can reach a context it did not choose. Child tasks (task
    /// groups, `async let`) and `Task { }` see the context of the task that started them;
    /// `Task.detached` sees none.
    public static var current: EmberContext? { installed }

    /// This context with scoped overrides, the highest-priority configuration layer,
    /// applied: the settings `change` makes (checked, with source
    /// ``ConfigurationSource/override``) and the services rewired from them. The HTTP
    /// client is shared, and so are the ledger and journal unless the database changes.
    ///
    /// ```swift
    /// let context = try EmberContext.current?.overriding { $0.defaultModel = "openai/gpt-4o" }
    /// ```
    ///
    /// - Throws: What `change` throws, or ``ConfigurationError`` for a value that cannot be
    ///   used.
    public func overriding(_ change: (inout EmberSettings) throws -> Void) throws
        -> EmberContext
    {
        EmberContext(settings: try settings.overriding(change), httpClient: httpClient,
                     logHandler: logger.handler, reusing: self)
    }
}

/// Runs `operation` with `context` as ``EmberContext/current``, for it and every task it
/// starts (child tasks included), and for nothing outside it.
///
/// ```swift
/// try await withContext(EmberContext(settings: try .load())) {
///     let reply = try await EmberContext.current!.models.complete(request, model: "smollm2")
/// }
/// ```
public func withContext<Result>(
    _ context: EmberContext, isolation: isolated (any Actor)? = #isolation,
    operation: () async throws -> Result
) async rethrows -> Result {
    try await EmberContext.$installed.withValue(context, operation: operation,
                                                isolation: isolation)
}

/// Runs `operation` with the current context overridden by `change` (see
/// ``EmberContext/overriding(_:)``), for it and every task it starts, and for nothing outside
/// it.
///
/// ```swift
/// try await withOverrides({ $0.defaultModel = "openai/gpt-4o-mini" }) {
///     // EmberContext.current!.settings.defaultModel is "openai/gpt-4o-mini" here.
/// }
/// ```
///
/// - Throws: ``EmberContextError/noCurrentContext`` outside any
///   ``withContext(_:isolation:operation:)``, a ``ConfigurationError`` for an override that
///   cannot be used, or what `operation` throws.
public func withOverrides<Result>(
    _ change: (inout EmberSettings) throws -> Void,
    isolation: isolated (any Actor)? = #isolation,
    operation: () async throws -> Result
) async throws -> Result {
    guard let current = EmberContext.current else { throw EmberContextError.noCurrentContext }
    return try await withContext(try current.overriding(change), isolation: isolation,
                                 operation: operation)
}

/// An error wiring the application's services.
public enum EmberContextError: Error, Sendable, CustomStringConvertible {
    /// A provider was asked for whose credential is not set.
    case missingCredential(provider: String, variable: String, key: String, hint: String)
    /// A model id named a provider that is neither built in nor a configured endpoint.
    case unknownProvider(String, configured: [String])
    /// Scoped overrides were asked for outside any `withContext`.
    case noCurrentContext

    public var description: String {
        switch self {
        case .missingCredential(let provider, let variable, let key, let hint):
            "The \(provider) provider needs an API key: export \(variable) or run "
                + "'ember config set \(key) <key>' (\(hint))."
        case .unknownProvider(let name, let configured):
            "No provider is named '\(name)'. Configured now: "
                + "\(configured.sorted().joined(separator: ", ")). The built-in providers "
                + "openai, openai-responses, anthropic and gemini are configured by their API "
                + "keys, and any OpenAI-compatible server can be named '\(name)' with "
                + "'ember config set endpoints.\(name).base_url URL'."
        case .noCurrentContext:
            "There is no current Ember context to override; install one with "
                + "withContext(_:operation:) first."
        }
    }
}
