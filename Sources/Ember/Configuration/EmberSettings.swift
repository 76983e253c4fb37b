import EmberModels
import Foundation

/// The settings Ember runs with, read once from the environment at the application's edge.
///
/// Library layers below this one never read the environment themselves; they are handed
/// the values they need from here.
public struct EmberSettings: Sendable, Hashable {
    /// The base URL of OpenAI's API, or of a compatible server (`OPENAI_BASE_URL`).
    public var openAIBaseURL: String
    /// The OpenAI API key (`OPENAI_API_KEY`), or `nil` when none is set.
    public var openAIAPIKey: String?
    /// Whether `OPENAI_BASE_URL` pointed the `openai` provider somewhere of the user's own.
    public var hasCustomOpenAIBaseURL: Bool
    /// The base URL of Anthropic's API, or of a server offering it (`ANTHROPIC_BASE_URL`).
    public var anthropicBaseURL: String
    /// The Anthropic API key (`ANTHROPIC_API_KEY`), or `nil` when none is set.
    public var anthropicAPIKey: String?
    /// Whether `ANTHROPIC_BASE_URL` pointed the `anthropic` provider somewhere of the user's.
    public var hasCustomAnthropicBaseURL: Bool
    /// The base URL of the Gemini API, or of a server offering it (`GEMINI_BASE_URL`).
    public var geminiBaseURL: String
    /// The Gemini API key (`GEMINI_API_KEY`, else `GOOGLE_API_KEY`), or `nil`.
    public var geminiAPIKey: String?
    /// Whether `GEMINI_BASE_URL` pointed the `gemini` provider somewhere of the user's.
    public var hasCustomGeminiBaseURL: Bool
    /// The port the local model server listens on (`EMBER_LOCAL_PORT`).
    public var localPort: Int
    /// The base URL of the local model server's OpenAI-compatible API (`EMBER_LOCAL_BASE_URL`,
    /// by default `http://127.0.0.1:PORT/v1`).
    public var localBaseURL: String
    /// A GGUF file to serve instead of the bundled SmolLM2 (`EMBER_LOCAL_MODEL`).
    public var localModelPath: String?
    /// Where Ember keeps the local model's installation, its server state and logs
    /// (`EMBER_CACHE_DIR`, by default `$XDG_CACHE_HOME/ember` or `~/.cache/ember`).
    public var cacheDirectory: String
    /// The SQLite database of the usage ledger (`EMBER_DB`, by default `~/.ember/ember.db`).
    public var databasePath: String
    /// A directory laid out as `shared/datasets` that takes precedence over bundled data
    /// (`EMBER_DATA_DIR`).
    public var dataDirectory: String?
    /// The model used when none is named (`EMBER_MODEL`, by default `local/smollm2`).
    public var defaultModel: String
    /// How the response cache takes part in calls (`EMBER_CACHE`, by default off).
    public var cacheMode: ResponseCacheMode
    /// The response cache's SQLite file (`EMBER_CACHE_PATH`, by default
    /// `~/.ember/cache.db`).
    public var cachePath: String
    /// How long a cached response stays valid, in seconds (`EMBER_CACHE_TTL`); `nil` keeps
    /// entries until they are cleared.
    public var cacheTimeToLive: Double?
    /// The least severe log lines written to standard error (`EMBER_LOG_LEVEL`, by default
    /// warning).
    public var logLevel: LogLevel
    /// The most dollars the context's calls may spend (`EMBER_BUDGET`); `nil` for no limit.
    public var budgetDollars: Decimal?
    /// The most tokens the context's calls may use (`EMBER_BUDGET_TOKENS`); `nil` for no
    /// limit.
    public var budgetTokens: Int?

    /// The port the local server uses unless told otherwise.
    public static let defaultLocalPort = 8431
    /// The public OpenAI API.
    public static let defaultOpenAIBaseURL = "https://api.openai.com/v1"

    /// Reads the settings from environment variables.
    ///
    /// - Parameter environment: The variables, by default the process's own.
    /// - Throws: ``EmberSettingsError`` for a value that cannot be used, naming the variable.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(EmberSettingsError)
    {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces),
                  !raw.isEmpty else { return nil }
            return raw
        }
        openAIBaseURL = value("OPENAI_BASE_URL") ?? Self.defaultOpenAIBaseURL
        hasCustomOpenAIBaseURL = value("OPENAI_BASE_URL") != nil
        openAIAPIKey = value("OPENAI_API_KEY")
        anthropicBaseURL = value("ANTHROPIC_BASE_URL") ?? AnthropicProvider.defaultBaseURL
        hasCustomAnthropicBaseURL = value("ANTHROPIC_BASE_URL") != nil
        anthropicAPIKey = value("ANTHROPIC_API_KEY")
        geminiBaseURL = value("GEMINI_BASE_URL") ?? GeminiProvider.defaultBaseURL
        hasCustomGeminiBaseURL = value("GEMINI_BASE_URL") != nil
        geminiAPIKey = value("GEMINI_API_KEY") ?? value("GOOGLE_API_KEY")
        if let port = value("EMBER_LOCAL_PORT") {
            guard let number = Int(port), (1...65535).contains(number) else {
                throw EmberSettingsError(variable: "EMBER_LOCAL_PORT", value: port,
                                         expected: "a port number from 1 to 65535")
            }
            localPort = number
        } else {
            localPort = Self.defaultLocalPort
        }
        localBaseURL = value("EMBER_LOCAL_BASE_URL") ?? "http://127.0.0.1:\(localPort)/v1"
        localModelPath = value("EMBER_LOCAL_MODEL")
        dataDirectory = value("EMBER_DATA_DIR")
        defaultModel = value("EMBER_MODEL") ?? "local/smollm2"
        if let mode = value("EMBER_CACHE") {
            guard let parsed = ResponseCacheMode(rawValue: mode) else {
                throw EmberSettingsError(
                    variable: "EMBER_CACHE", value: mode,
                    expected: ResponseCacheMode.allCases.map(\.rawValue)
                        .joined(separator: ", "))
            }
            cacheMode = parsed
        } else {
            cacheMode = .off
        }
        if let ttl = value("EMBER_CACHE_TTL") {
            guard let seconds = Double(ttl), seconds > 0, seconds.isFinite else {
                throw EmberSettingsError(variable: "EMBER_CACHE_TTL", value: ttl,
                                         expected: "a number of seconds above 0")
            }
            cacheTimeToLive = seconds
        }
        if let level = value("EMBER_LOG_LEVEL") {
            guard let parsed = LogLevel(name: level) else {
                throw EmberSettingsError(
                    variable: "EMBER_LOG_LEVEL", value: level,
                    expected: LogLevel.allCases.map(\.description).joined(separator: ", "))
            }
            logLevel = parsed
        } else {
            logLevel = .warning
        }
        if let dollars = value("EMBER_BUDGET") {
            guard let amount = Decimal(string: dollars, locale: Locale(identifier: "en_US_POSIX")),
                  amount > 0 else {
                throw EmberSettingsError(variable: "EMBER_BUDGET", value: dollars,
                                         expected: "an amount of dollars above 0, like 0.50")
            }
            budgetDollars = amount
        }
        if let tokens = value("EMBER_BUDGET_TOKENS") {
            guard let count = Int(tokens), count > 0 else {
                throw EmberSettingsError(variable: "EMBER_BUDGET_TOKENS", value: tokens,
                                         expected: "a whole number of tokens above 0")
            }
            budgetTokens = count
        }
        let home = value("HOME") ?? NSHomeDirectory()
        databasePath = value("EMBER_DB")
            ?? (home as NSString).appendingPathComponent(".ember/ember.db")
        cachePath = value("EMBER_CACHE_PATH")
            ?? (home as NSString).appendingPathComponent(".ember/cache.db")
        if let cache = value("EMBER_CACHE_DIR") {
            cacheDirectory = cache
        } else if let xdg = value("XDG_CACHE_HOME") {
            cacheDirectory = (xdg as NSString).appendingPathComponent("ember")
        } else {
            cacheDirectory = (home as NSString).appendingPathComponent(".cache/ember")
        }
    }
}

/// An environment variable whose value Ember cannot use.
public struct EmberSettingsError: Error, Sendable, CustomStringConvertible {
    /// The variable's name.
    public var variable: String
    /// Its value.
    public var value: String
    /// What would be accepted.
    public var expected: String

    public var description: String {
        "The environment variable \(variable) is '\(value)'; expected \(expected)."
    }
}
