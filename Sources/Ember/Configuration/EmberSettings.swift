import EmberModels
import Foundation

/// The settings Ember runs with, read once at the application's edge from layered
/// configuration, in increasing priority:
///
/// 1. the built-in defaults;
/// 2. the user file, `~/.ember/config.json` or the path in `EMBER_CONFIG`;
/// 3. the project file, `ember.json` in the working directory or its nearest parent that has
///    one;
/// 4. environment variables: `EMBER_…` and each provider's own (`OPENAI_API_KEY`,
///    `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `ANTHROPIC_…`, `GEMINI_…`, `GOOGLE_API_KEY`);
/// 5. scoped overrides made in code (``overriding(_:)``, ``EmberContext/overriding(_:)``).
///
/// Every value remembers where it came from (``source(of:)``, ``entries``). The keys are
/// listed in ``ConfigurationSchema``'s documentation and by `ember config list`.
///
/// Library layers below this one never read the environment or files themselves; they are
/// handed the values they need from here.
public struct EmberSettings: Sendable, Hashable {
    /// The model used when none is named (`model`, `EMBER_MODEL`; by default
    /// `local/smollm2`).
    public var defaultModel: String
    /// OpenAI, or a compatible server (`providers.openai`); the `openai-responses` provider
    /// shares it.
    public var openAI: ProviderSettings
    /// Anthropic (`providers.anthropic`).
    public var anthropic: ProviderSettings
    /// Gemini (`providers.gemini`).
    public var gemini: ProviderSettings
    /// The local model server (`providers.local`); its base URL is
    /// `http://127.0.0.1:PORT/v1` unless configured.
    public var local: ProviderSettings
    /// The port the local model server listens on (`providers.local.port`,
    /// `EMBER_LOCAL_PORT`).
    public var localPort: Int
    /// A GGUF file to serve instead of the bundled SmolLM2 (`providers.local.model_file`,
    /// `EMBER_LOCAL_MODEL`).
    public var localModelPath: String?
    /// Named OpenAI-compatible endpoints (`endpoints.NAME`), each registered as provider
    /// `NAME`.
    public var endpoints: [String: ProviderSettings]
    /// Prices and context windows replacing the registry's (`models.PROVIDER/MODEL`).
    public var modelOverrides: [ModelID: ModelOverride]
    /// Aliases of model ids (`aliases.ALIAS`).
    public var aliases: [String: ModelID]
    /// Where Ember keeps downloads, the local model's installation, its server state and
    /// logs (`cache.directory`, `EMBER_CACHE_DIR`; by default `$XDG_CACHE_HOME/ember` or
    /// `~/.cache/ember`).
    public var cacheDirectory: String
    /// The SQLite database of the usage ledger (`database`, `EMBER_DB`; by default
    /// `~/.ember/ember.db`).
    public var databasePath: String
    /// A directory laid out as `shared/datasets` that takes precedence over bundled data
    /// (`data.directory`, `EMBER_DATA_DIR`).
    public var dataDirectory: String?
    /// How the response cache takes part in calls (`cache.mode`, `EMBER_CACHE`; by default
    /// off).
    public var cacheMode: ResponseCacheMode
    /// The response cache's SQLite file (`cache.path`, `EMBER_CACHE_PATH`; by default
    /// `~/.ember/cache.db`).
    public var cachePath: String
    /// How long a cached response stays valid, in seconds (`cache.ttl`, `EMBER_CACHE_TTL`);
    /// `nil` keeps entries until they are cleared.
    public var cacheTimeToLive: Double?
    /// The least severe log lines written to standard error (`log.level`,
    /// `EMBER_LOG_LEVEL`; by default warning).
    public var logLevel: LogLevel
    /// The most dollars the context's calls may spend (`budget.dollars`, `EMBER_BUDGET`);
    /// `nil` for no limit.
    public var budgetDollars: Decimal?
    /// The most tokens the context's calls may use (`budget.tokens`,
    /// `EMBER_BUDGET_TOKENS`); `nil` for no limit.
    public var budgetTokens: Int?

    /// Where each value that is not a default came from, by key.
    public internal(set) var origins: [ConfigurationKey: ConfigurationSource] = [:]
    /// The configuration files that were read, or `nil` when only the environment was
    /// (``init(environment:)``).
    public internal(set) var files: ConfigurationFiles?

    /// The model used when the configuration names none.
    public static let builtInDefaultModel = "local/smollm2"
    /// The port the local server uses unless told otherwise.
    public static let defaultLocalPort = 8431
    /// The public OpenAI API.
    public static let defaultOpenAIBaseURL = "https://api.openai.com/v1"

    // MARK: Reading the configuration

    /// Reads the whole layered configuration of this process: its environment, and the
    /// files found from its working directory. This is what an application's edge (each
    /// `ember` command) calls.
    ///
    /// - Throws: ``ConfigurationError`` naming the file or variable, the key and what is
    ///   expected.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(ConfigurationError) -> EmberSettings {
        try EmberSettings(environment: environment, workingDirectory: workingDirectory)
    }

    /// Reads the layered configuration: defaults, the user file, the project file, then the
    /// environment.
    ///
    /// - Parameters:
    ///   - environment: The variables.
    ///   - workingDirectory: Where the search for `ember.json` starts.
    ///   - files: The files to read; by default those
    ///     ``ConfigurationFiles/locate(environment:workingDirectory:)`` finds.
    /// - Throws: ``ConfigurationError`` naming the file or variable, the key and what is
    ///   expected.
    public init(environment: [String: String], workingDirectory: String,
                files: ConfigurationFiles? = nil) throws(ConfigurationError) {
        let files = files ?? ConfigurationFiles.locate(environment: environment,
                                                       workingDirectory: workingDirectory)
        let home = Self.home(in: environment)
        var layers = [try ConfigurationLayer.file(at: files.user, home: home)]
        if let project = files.project {
            layers.append(try ConfigurationLayer.file(at: project, home: home))
        }
        layers.append(try ConfigurationLayer(environment: environment))
        try self.init(environment: environment, layers: layers)
        self.files = files
    }

    /// Reads the settings from environment variables alone, over the defaults; no file is
    /// read. Tests use it for settings of their choosing.
    ///
    /// - Throws: ``ConfigurationError`` for a value that cannot be used, naming the variable.
    public init(environment: [String: String]) throws(ConfigurationError) {
        try self.init(environment: environment,
                      layers: [try ConfigurationLayer(environment: environment)])
    }

    /// Applies layers, lowest priority first, over the defaults.
    ///
    /// - Parameters:
    ///   - environment: Where `HOME` and `XDG_CACHE_HOME` place the default files, and where
    ///     endpoints' `api_key_env` variables are read.
    ///   - layers: The layers, lowest priority first.
    /// - Throws: ``ConfigurationError`` for an endpoint without a base URL, or a model of
    ///   unknown prices given only one of them.
    public init(environment: [String: String], layers: [ConfigurationLayer])
        throws(ConfigurationError)
    {
        self = Self.builtInDefaults(environment: environment)
        for entry in layers.flatMap(\.entries) {
            guard let resolved = ConfigurationSchema.resolve(entry.key) else { continue }
            resolved.leaf.write(&self, resolved.name, entry.value)
            origins[entry.key] = entry.source
        }
        try readEndpointKeys(from: environment)
        try complete()
    }

    /// The built-in defaults; `HOME` and `XDG_CACHE_HOME` in `environment` place the files.
    public static func builtInDefaults(environment: [String: String]) -> EmberSettings {
        let home = home(in: environment)
        let cacheDirectory: String
        if let xdg = environment["XDG_CACHE_HOME"]?.trimmingCharacters(in: .whitespaces),
           !xdg.isEmpty {
            cacheDirectory = (xdg as NSString).appendingPathComponent("ember")
        } else {
            cacheDirectory = (home as NSString).appendingPathComponent(".cache/ember")
        }
        return EmberSettings(
            defaultModel: builtInDefaultModel,
            openAI: ProviderSettings(baseURL: defaultOpenAIBaseURL),
            anthropic: ProviderSettings(baseURL: AnthropicProvider.defaultBaseURL),
            gemini: ProviderSettings(baseURL: GeminiProvider.defaultBaseURL),
            local: ProviderSettings(baseURL: "http://127.0.0.1:\(defaultLocalPort)/v1"),
            localPort: defaultLocalPort, localModelPath: nil, endpoints: [:],
            modelOverrides: [:], aliases: [:], cacheDirectory: cacheDirectory,
            databasePath: (home as NSString).appendingPathComponent(".ember/ember.db"),
            dataDirectory: nil, cacheMode: .off,
            cachePath: (home as NSString).appendingPathComponent(".ember/cache.db"),
            cacheTimeToLive: nil, logLevel: .warning, budgetDollars: nil, budgetTokens: nil)
    }

    /// The home directory: `HOME` in `environment`, else the process's.
    public static func home(in environment: [String: String]) -> String {
        if let home = environment["HOME"]?.trimmingCharacters(in: .whitespaces), !home.isEmpty {
            return home
        }
        return NSHomeDirectory()
    }

    private init(defaultModel: String, openAI: ProviderSettings, anthropic: ProviderSettings,
                 gemini: ProviderSettings, local: ProviderSettings, localPort: Int,
                 localModelPath: String?, endpoints: [String: ProviderSettings],
                 modelOverrides: [ModelID: ModelOverride], aliases: [String: ModelID],
                 cacheDirectory: String, databasePath: String, dataDirectory: String?,
                 cacheMode: ResponseCacheMode, cachePath: String, cacheTimeToLive: Double?,
                 logLevel: LogLevel, budgetDollars: Decimal?, budgetTokens: Int?) {
        self.defaultModel = defaultModel
        self.openAI = openAI
        self.anthropic = anthropic
        self.gemini = gemini
        self.local = local
        self.localPort = localPort
        self.localModelPath = localModelPath
        self.endpoints = endpoints
        self.modelOverrides = modelOverrides
        self.aliases = aliases
        self.cacheDirectory = cacheDirectory
        self.databasePath = databasePath
        self.dataDirectory = dataDirectory
        self.cacheMode = cacheMode
        self.cachePath = cachePath
        self.cacheTimeToLive = cacheTimeToLive
        self.logLevel = logLevel
        self.budgetDollars = budgetDollars
        self.budgetTokens = budgetTokens
    }

    /// Reads each endpoint's `api_key_env` variable, for endpoints whose key is not set.
    ///
    /// - Throws: ``ConfigurationError`` naming the variable when its value has a space or a
    ///   control character in it.
    private mutating func readEndpointKeys(from environment: [String: String])
        throws(ConfigurationError)
    {
        for (name, endpoint) in endpoints.sorted(by: { $0.key < $1.key })
            where endpoint.apiKey == nil {
            guard let variable = endpoint.apiKeyVariable,
                  let key = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines),
                  !key.isEmpty else { continue }
            guard ValueKind.defect(ofSecret: key) == nil else {
                throw ConfigurationError(
                    source: .environment(variable), key: "endpoints.\(name).api_key",
                    problem: .invalidValue(shown: ValueKind.show(text: key, isSecret: true),
                                           expected: ValueKind.secret.expected))
            }
            endpoints[name]?.apiKey = key
            origins[ConfigurationKey(segments: ["endpoints", name, "api_key"])] =
                .environment(variable)
        }
    }

    /// Derives what depends on other values, and checks what no single key can.
    mutating func complete() throws(ConfigurationError) {
        // The local server's URL follows its port unless it is configured itself.
        if origins["providers.local.base_url"] == nil {
            local.baseURL = defaultBaseURL(of: .local)
        }
        for (name, endpoint) in endpoints.sorted(by: { $0.key < $1.key })
            where endpoint.baseURL.isEmpty {
            throw ConfigurationError(
                source: origin(underPrefix: ["endpoints", name]),
                key: "endpoints.\(name).base_url",
                problem: .missingValue(expected: "the endpoint's OpenAI-compatible base URL, "
                    + "like http://127.0.0.1:8000/v1"))
        }
        try checkDefaultModel()
        let registry = ModelRegistry.builtIn
        for (id, override) in modelOverrides.sorted(by: { $0.key.description < $1.key.description })
            where override.applied(to: registry.info(for: id), id: id) == nil {
            let missing = override.inputPrice == nil ? "input_price" : "output_price"
            throw ConfigurationError(
                source: origin(underPrefix: ["models", id.description]),
                key: "models.\(id).\(missing)",
                problem: .missingValue(expected: "both prices of a model Ember has none for "
                    + "(dollars per million tokens)"))
        }
    }

    /// Checks that the default model is a `provider/model` id or an alias Ember knows or the
    /// configuration defines, so that a typo fails where it was made, not in every run.
    private func checkDefaultModel() throws(ConfigurationError) {
        guard (try? modelRegistry().resolve(defaultModel)) == nil else { return }
        let source = origins["model"]
        let shown = switch source {
        case .environment: defaultModel
        case .file: ValueKind.text.show(json: defaultModel, isSecret: false)
        default: "'\(defaultModel)'"
        }
        throw ConfigurationError(
            source: source, key: "model",
            problem: .invalidValue(shown: shown, expected: ValueKind.modelName.expected))
    }

    /// The source of some value under a key prefix, for errors about the prefix as a whole.
    private func origin(underPrefix prefix: [String]) -> ConfigurationSource? {
        origins.filter { Array($0.key.segments.prefix(prefix.count)) == prefix }
            .map(\.value).first { $0 != .defaults }
    }
}

// MARK: - Shorthands kept from the environment-only settings

extension EmberSettings {
    /// The base URL of OpenAI's API, or of a compatible server.
    public var openAIBaseURL: String {
        get { openAI.baseURL }
        set { openAI.baseURL = newValue }
    }
    /// The OpenAI API key, or `nil` when none is set.
    public var openAIAPIKey: String? {
        get { openAI.apiKey }
        set { openAI.apiKey = newValue }
    }
    /// Whether the `openai` provider points somewhere of the user's own.
    public var hasCustomOpenAIBaseURL: Bool { openAI.baseURL != defaultBaseURL(of: .openAI) }
    /// The base URL of Anthropic's API, or of a server offering it.
    public var anthropicBaseURL: String {
        get { anthropic.baseURL }
        set { anthropic.baseURL = newValue }
    }
    /// The Anthropic API key, or `nil` when none is set.
    public var anthropicAPIKey: String? {
        get { anthropic.apiKey }
        set { anthropic.apiKey = newValue }
    }
    /// Whether the `anthropic` provider points somewhere of the user's.
    public var hasCustomAnthropicBaseURL: Bool {
        anthropic.baseURL != defaultBaseURL(of: .anthropic)
    }
    /// The base URL of the Gemini API, or of a server offering it.
    public var geminiBaseURL: String {
        get { gemini.baseURL }
        set { gemini.baseURL = newValue }
    }
    /// The Gemini API key, or `nil`.
    public var geminiAPIKey: String? {
        get { gemini.apiKey }
        set { gemini.apiKey = newValue }
    }
    /// Whether the `gemini` provider points somewhere of the user's.
    public var hasCustomGeminiBaseURL: Bool { gemini.baseURL != defaultBaseURL(of: .gemini) }
    /// The base URL of the local model server's OpenAI-compatible API.
    public var localBaseURL: String {
        get { local.baseURL }
        set { local.baseURL = newValue }
    }
}
