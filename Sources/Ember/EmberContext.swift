@_exported import EmberData
@_exported import EmberEval
@_exported import EmberOperators
@_exported import EmberXCS
@_exported import EmberModels

/// The services an Ember application uses, wired from its settings.
///
/// Build one at the application's edge and pass it down; tests build their own from
/// settings of their choosing.
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
    /// Where log lines go: records from ``EmberSettings/logLevel`` up, through the handler
    /// the context was built with. The model service logs through it.
    public let logger: Logger

    /// The model used when none is named.
    public static let defaultModel = "local/smollm2"

    /// Wires the services from settings.
    ///
    /// The `local` provider always exists and points at the local model server. The
    /// `openai`, `anthropic` and `gemini` providers exist when their API key is set or their
    /// base URL variable names a server of the user's.
    /// Every call is written to the usage ledger at ``EmberSettings/databasePath``, and
    /// evaluation runs to the journal beside it; if that database cannot be opened, calls
    /// still run and ``ledgerError`` says why.
    /// Log lines at ``EmberSettings/logLevel`` and above go to `logHandler`, by default
    /// standard error.
    public init(settings: EmberSettings, httpClient: HTTPClient = HTTPClient(),
                logHandler: any LogHandler = StandardErrorLogHandler()) {
        self.settings = settings
        self.httpClient = httpClient
        logger = Logger(label: "ember", minimumLevel: settings.logLevel, handler: logHandler)
        do {
            let database = try SQLiteDatabase(path: settings.databasePath)
            (ledger, journal) = (try UsageLedger(database: database),
                                 try RunJournal(database: database))
            ledgerError = nil
        } catch {
            (ledger, journal) = (nil, nil)
            ledgerError = error
        }
        var models = ModelService(usage: UsageService(registry: .builtIn, ledger: ledger))
        models.logger = logger
        models.register(
            OpenAICompatibleProvider(baseURL: settings.localBaseURL, apiKey: nil,
                                     client: httpClient),
            as: "local")
        if settings.openAIAPIKey != nil || settings.hasCustomOpenAIBaseURL {
            models.register(
                OpenAICompatibleProvider(baseURL: settings.openAIBaseURL,
                                         apiKey: settings.openAIAPIKey, client: httpClient),
                as: "openai")
            // The same account through the Responses API: `openai-responses/MODEL`.
            models.register(
                OpenAIResponsesProvider(baseURL: settings.openAIBaseURL,
                                        apiKey: settings.openAIAPIKey, client: httpClient),
                as: "openai-responses")
        }
        if settings.anthropicAPIKey != nil || settings.hasCustomAnthropicBaseURL {
            models.register(
                AnthropicProvider(baseURL: settings.anthropicBaseURL,
                                  apiKey: settings.anthropicAPIKey, client: httpClient),
                as: "anthropic")
        }
        if settings.geminiAPIKey != nil || settings.hasCustomGeminiBaseURL {
            models.register(
                GeminiProvider(baseURL: settings.geminiBaseURL, apiKey: settings.geminiAPIKey,
                               client: httpClient),
                as: "gemini")
        }
        self.models = models
    }

    /// Checks, before any call, that a model id names a configured provider.
    ///
    /// - Throws: ``ModelError`` for an id that is not `provider/model`, or for a provider
    ///   that is not configured, saying which variable would configure it.
    public func resolve(model text: String) throws -> ModelID {
        let id = try models.registry.resolve(text)
        guard models.providerNames.contains(id.provider) else {
            switch id.provider {
            case "openai", "openai-responses":
                throw EmberContextError.missingCredential(
                    provider: id.provider, variable: "OPENAI_API_KEY",
                    hint: "or set OPENAI_BASE_URL to an OpenAI-compatible server")
            case "anthropic":
                throw EmberContextError.missingCredential(
                    provider: "anthropic", variable: "ANTHROPIC_API_KEY",
                    hint: "or set ANTHROPIC_BASE_URL to a server offering /v1/messages")
            case "gemini":
                throw EmberContextError.missingCredential(
                    provider: "gemini", variable: "GEMINI_API_KEY (or GOOGLE_API_KEY)",
                    hint: "or set GEMINI_BASE_URL to a server offering generateContent")
            default:
                break
            }
            throw ModelError.unknownProvider(id.provider, known: models.providerNames)
        }
        return id
    }
}

/// An error wiring the application's services.
public enum EmberContextError: Error, Sendable, CustomStringConvertible {
    /// A provider was asked for whose credential is not set.
    case missingCredential(provider: String, variable: String, hint: String)

    public var description: String {
        switch self {
        case .missingCredential(let provider, let variable, let hint):
            "The \(provider) provider needs \(variable); export it (\(hint))."
        }
    }
}
