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
        let home = value("HOME") ?? NSHomeDirectory()
        databasePath = value("EMBER_DB")
            ?? (home as NSString).appendingPathComponent(".ember/ember.db")
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
