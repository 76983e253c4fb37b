import EmberModels
import Foundation

/// How Ember reaches one provider: a built-in one (`providers.openai`, …) or a named
/// OpenAI-compatible endpoint (`endpoints.NAME`).
public struct ProviderSettings: Sendable, Hashable {
    /// The API's base URL (`base_url`).
    public var baseURL: String
    /// The API key (`api_key`), or `nil` when none is set.
    public var apiKey: String?
    /// For an endpoint: the environment variable its key is read from when `api_key` is
    /// not set (`api_key_env`).
    public var apiKeyVariable: String?
    /// The OpenAI organization sent as `OpenAI-Organization` (`organization`); OpenAI and
    /// endpoints only.
    public var organization: String?
    /// The longest one request may take, in seconds (`timeout`, by default 600).
    public var timeout: Double
    /// The most attempts of a call, the first included (`max_attempts`, by default 4;
    /// 1 means no retry).
    public var maximumAttempts: Int
    /// The limits every call to the provider shares (`rate_limits.concurrency`,
    /// `rate_limits.requests_per_minute`, `rate_limits.tokens_per_minute`).
    public var rateLimits: RateLimits

    /// The request timeout unless configured, in seconds.
    public static let defaultTimeout: Double = 600

    /// Creates provider settings; everything but the base URL has its default.
    public init(baseURL: String, apiKey: String? = nil, apiKeyVariable: String? = nil,
                organization: String? = nil, timeout: Double = Self.defaultTimeout,
                maximumAttempts: Int = RetryPolicy.standard.maximumAttempts,
                rateLimits: RateLimits = RateLimits()) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.apiKeyVariable = apiKeyVariable
        self.organization = organization
        self.timeout = timeout
        self.maximumAttempts = maximumAttempts
        self.rateLimits = rateLimits
    }

    /// The timeouts of each request: `timeout` in all, at most 10 s of it to connect.
    public var timeouts: HTTPTimeouts {
        HTTPTimeouts(connect: .seconds(min(10, timeout)), total: .seconds(timeout))
    }

    /// The retry policy of the provider's calls: the standard one with
    /// ``maximumAttempts``.
    public var retryPolicy: RetryPolicy {
        var policy = RetryPolicy.standard
        policy.maximumAttempts = max(1, maximumAttempts)
        return policy
    }
}

/// What the configuration says about one model (`models.PROVIDER/MODEL`): its prices and
/// context window, replacing the built-in registry's.
public struct ModelOverride: Sendable, Hashable {
    /// Dollars per million input tokens (`input_price`).
    public var inputPrice: Decimal?
    /// Dollars per million input tokens read from the prompt cache (`cached_input_price`).
    public var cachedInputPrice: Decimal?
    /// Dollars per million output tokens (`output_price`).
    public var outputPrice: Decimal?
    /// The most tokens of input and output together (`context_window`).
    public var contextWindow: Int?

    /// Creates an override; what is `nil` keeps the registry's value.
    public init(inputPrice: Decimal? = nil, cachedInputPrice: Decimal? = nil,
                outputPrice: Decimal? = nil, contextWindow: Int? = nil) {
        self.inputPrice = inputPrice
        self.cachedInputPrice = cachedInputPrice
        self.outputPrice = outputPrice
        self.contextWindow = contextWindow
    }

    /// The model's description with this override applied to `base` (the registry's, or
    /// `nil` for a model the registry does not know).
    ///
    /// - Returns: `nil` when a model the registry does not know is given only one of its two
    ///   prices, since its cost could not be computed.
    func applied(to base: ModelInfo?, id: ModelID) -> ModelInfo? {
        var info = base ?? ModelInfo(id: id)
        if let contextWindow { info.contextWindow = contextWindow }
        if inputPrice != nil || outputPrice != nil || cachedInputPrice != nil {
            guard let input = inputPrice ?? info.pricing?.inputPerMillion,
                  let output = outputPrice ?? info.pricing?.outputPerMillion else { return nil }
            var pricing = info.pricing
                ?? ModelPricing(inputPerMillion: input, outputPerMillion: output)
            pricing.inputPerMillion = input
            pricing.outputPerMillion = output
            if let cachedInputPrice { pricing.cachedInputPerMillion = cachedInputPrice }
            info.pricing = pricing
        }
        return info
    }
}

extension EmberSettings {
    /// The providers Ember has built in, configured under `providers.NAME`.
    public enum BuiltInProvider: String, Sendable, Hashable, CaseIterable {
        case openAI = "openai"
        case anthropic
        case gemini
        case local

        /// The names of the providers these register, which endpoints cannot take.
        public static let reservedNames: Set<String> = [
            "openai", "openai-responses", "anthropic", "gemini", "local",
        ]
    }

    /// The settings of a built-in provider.
    public subscript(provider: BuiltInProvider) -> ProviderSettings {
        get {
            switch provider {
            case .openAI: openAI
            case .anthropic: anthropic
            case .gemini: gemini
            case .local: local
            }
        }
        set {
            switch provider {
            case .openAI: openAI = newValue
            case .anthropic: anthropic = newValue
            case .gemini: gemini = newValue
            case .local: local = newValue
            }
        }
    }

    /// The base URL a built-in provider has unless configured.
    public func defaultBaseURL(of provider: BuiltInProvider) -> String {
        switch provider {
        case .openAI: Self.defaultOpenAIBaseURL
        case .anthropic: AnthropicProvider.defaultBaseURL
        case .gemini: GeminiProvider.defaultBaseURL
        case .local: "http://127.0.0.1:\(localPort)/v1"
        }
    }

    /// Whether a built-in provider is set up: it has an API key, or its base URL points at a
    /// server of the user's. The `local` provider always is.
    public func isConfigured(_ provider: BuiltInProvider) -> Bool {
        provider == .local || self[provider].apiKey != nil
            || self[provider].baseURL != defaultBaseURL(of: provider)
    }

    /// The model registry with the configuration's prices, context windows and aliases
    /// applied to `base` (by default the built-in one).
    public func modelRegistry(startingFrom base: ModelRegistry = .builtIn) -> ModelRegistry {
        var registry = base
        let overrides = modelOverrides.sorted { $0.key.description < $1.key.description }
        for (id, override) in overrides {
            if let info = override.applied(to: registry.info(for: id), id: id) {
                registry.register(info)
            }
        }
        for (alias, id) in aliases.sorted(by: { $0.key < $1.key }) {
            registry.registerAlias(alias, for: id)
        }
        return registry
    }
}
