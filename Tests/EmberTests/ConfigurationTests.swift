import Ember
import Foundation
import Testing

/// A home directory, a project with a subdirectory to work in, and helpers to write their
/// configuration files; removed when the test ends.
final class ConfigurationFixture {
    let root: URL
    var home: String { root.appendingPathComponent("home").path }
    var project: String { root.appendingPathComponent("project").path }
    var workingDirectory: String { root.appendingPathComponent("project/src/deep").path }
    var userFile: String { home + "/.ember/config.json" }
    var projectFile: String { project + "/ember.json" }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: workingDirectory,
                                                withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ json: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try json.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The environment of a test: this home, a database inside it, and `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home, "EMBER_DB": root.appendingPathComponent("ember.db").path]
            .merging(extra) { $1 }
    }

    func settings(_ extra: [String: String] = [:]) throws -> EmberSettings {
        try EmberSettings(environment: environment(extra), workingDirectory: workingDirectory)
    }
}

@Suite("Layered configuration")
struct ConfigurationTests {
    @Test("precedence: default < user file < project file < environment < override")
    func precedence() throws {
        let fixture = try ConfigurationFixture()
        #expect(try fixture.settings().defaultModel == "local/smollm2")
        #expect(try fixture.settings().source(of: "model") == .defaults)

        try fixture.write("""
            {"model": "user/m", "providers": {"openai": {"timeout": 30}},
             "cache": {"mode": "read-write"}, "log": {"level": "info"}}
            """, to: fixture.userFile)
        var settings = try fixture.settings()
        #expect(settings.defaultModel == "user/m")
        #expect(settings.source(of: "model") == .file(fixture.userFile))
        #expect(settings.files == ConfigurationFiles(user: fixture.userFile, project: nil))

        // The project file is found in a parent of the working directory.
        try fixture.write(#"{"model": "project/m", "log": {"level": "debug"}}"#,
                          to: fixture.projectFile)
        settings = try fixture.settings()
        #expect(settings.files?.project == fixture.projectFile)
        #expect(settings.defaultModel == "project/m")
        #expect(settings.source(of: "model") == .file(fixture.projectFile))
        #expect(settings.logLevel == .debug)
        // What the project file leaves alone still comes from the user file.
        #expect(settings.openAI.timeout == 30)
        #expect(settings.cacheMode == .readWrite)
        #expect(settings.source(of: "providers.openai.timeout") == .file(fixture.userFile))

        settings = try fixture.settings(["EMBER_MODEL": "env/m", "EMBER_LOG_LEVEL": "error"])
        #expect(settings.defaultModel == "env/m")
        #expect(settings.source(of: "model") == .environment("EMBER_MODEL"))
        #expect(settings.logLevel == .error)
        #expect(settings.cacheMode == .readWrite)

        let overridden = try settings.overriding { $0.defaultModel = "override/m" }
        #expect(overridden.defaultModel == "override/m")
        #expect(overridden.source(of: "model") == .override)
        #expect(overridden.source(of: "log.level") == .environment("EMBER_LOG_LEVEL"))
        #expect(settings.defaultModel == "env/m")
    }

    @Test("EMBER_CONFIG names the user file instead of ~/.ember/config.json")
    func userFileFromVariable() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(#"{"model": "home/m"}"#, to: fixture.userFile)
        let other = fixture.root.appendingPathComponent("elsewhere.json").path
        try fixture.write(#"{"model": "elsewhere/m"}"#, to: other)
        let settings = try fixture.settings(["EMBER_CONFIG": other])
        #expect(settings.defaultModel == "elsewhere/m")
        #expect(settings.files?.user == other)
    }

    @Test("every variable the environment-only settings read still works")
    func environmentVariables() throws {
        let fixture = try ConfigurationFixture()
        let settings = try fixture.settings([
            "OPENAI_API_KEY": "sk-openai", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1",
            "OPENAI_ORG_ID": "org-1", "ANTHROPIC_API_KEY": "sk-ant",
            "ANTHROPIC_BASE_URL": "http://127.0.0.1:2", "GOOGLE_API_KEY": "AIza-google",
            "GEMINI_BASE_URL": "http://127.0.0.1:3", "EMBER_LOCAL_PORT": "9000",
            "EMBER_LOCAL_MODEL": "/models/m.gguf", "EMBER_DATA_DIR": "/data",
            "EMBER_CACHE_DIR": "/cache", "EMBER_CACHE_PATH": "/c.db", "EMBER_CACHE_TTL": "60",
            "EMBER_BUDGET": "1.50", "EMBER_BUDGET_TOKENS": "1000",
        ])
        #expect(settings.openAIAPIKey == "sk-openai")
        #expect(settings.openAIBaseURL == "http://127.0.0.1:1/v1")
        #expect(settings.hasCustomOpenAIBaseURL)
        #expect(settings.openAI.organization == "org-1")
        #expect(settings.anthropicAPIKey == "sk-ant")
        #expect(settings.anthropicBaseURL == "http://127.0.0.1:2")
        #expect(settings.geminiAPIKey == "AIza-google")
        #expect(settings.source(of: "providers.gemini.api_key") == .environment("GOOGLE_API_KEY"))
        #expect(settings.geminiBaseURL == "http://127.0.0.1:3")
        #expect(settings.localPort == 9000)
        #expect(settings.localBaseURL == "http://127.0.0.1:9000/v1")
        #expect(settings.localModelPath == "/models/m.gguf")
        #expect(settings.dataDirectory == "/data")
        #expect(settings.cacheDirectory == "/cache")
        #expect(settings.cachePath == "/c.db")
        #expect(settings.cacheTimeToLive == 60)
        #expect(settings.budgetDollars == Decimal(string: "1.5"))
        #expect(settings.budgetTokens == 1000)
        #expect(settings.databasePath == fixture.root.appendingPathComponent("ember.db").path)
        // GEMINI_API_KEY wins over GOOGLE_API_KEY.
        let both = try fixture.settings(["GEMINI_API_KEY": "AIza-gemini",
                                         "GOOGLE_API_KEY": "AIza-google"])
        #expect(both.geminiAPIKey == "AIza-gemini")
        // An empty variable is not set.
        #expect(try fixture.settings(["OPENAI_API_KEY": "  "]).openAIAPIKey == nil)
    }

    @Test("paths in a file may start with ~/ or be relative to the file")
    func paths() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(#"{"data": {"directory": "datasets"}, "cache": {"path": "~/db/c.db"}}"#,
                          to: fixture.projectFile)
        let settings = try fixture.settings()
        #expect(settings.dataDirectory == fixture.project + "/datasets")
        #expect(settings.cachePath == fixture.home + "/db/c.db")
    }

    @Test("a wrong value names the file, the key and what is expected")
    func wrongValue() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(#"{"providers": {"openai": {"timeout": "fast"}}}"#,
                          to: fixture.userFile)
        let error = #expect(throws: ConfigurationError.self) { try fixture.settings() }
        #expect(error?.description == "\(fixture.userFile): providers.openai.timeout is "
            + "\"fast\"; expected a number of seconds above 0.")
        #expect(error?.source == .file(fixture.userFile))
        #expect(error?.key == "providers.openai.timeout")
    }

    @Test("wrong values of each kind are refused with what is expected",
          arguments: [
              (#"{"model": ""}"#, #"model is ""; expected a model id written provider/model, "#
                   + "like openai/gpt-4o-mini, or an alias ('ember models' lists them; "
                   + "aliases.NAME adds one)."),
              (#"{"providers": {"local": {"port": 70000}}}"#,
               "providers.local.port is 70000; expected a port number from 1 to 65535."),
              (#"{"providers": {"anthropic": {"max_attempts": 0}}}"#,
               "providers.anthropic.max_attempts is 0; expected a whole number of attempts above 0."),
              (#"{"providers": {"gemini": {"rate_limits": {"concurrency": 2.5}}}}"#,
               "providers.gemini.rate_limits.concurrency is 2.5; expected a whole number of calls above 0."),
              (#"{"providers": {"openai": {"base_url": "api.openai.com"}}}"#,
               #"providers.openai.base_url is "api.openai.com"; expected a URL starting with http:// or https://."#),
              (#"{"providers": {"openai": {"api_key": "sk-x", "organization": true}}}"#,
               "providers.openai.organization is true; expected a non-empty string."),
              (#"{"providers": {"openai": {"api_key": 12345}}}"#,
               "providers.openai.api_key is a number; expected a non-empty string without "
                   + "spaces, tabs, line breaks or other control characters."),
              (#"{"providers": {"openai": 3}}"#,
               "providers.openai is 3; expected an object with the keys api_key, base_url, "
                   + "organization, timeout, max_attempts, rate_limits."),
              (#"{"cache": {"mode": "sometimes"}}"#,
               #"cache.mode is "sometimes"; expected off, read-write, read-only, record, replay."#),
              (#"{"budget": {"dollars": -1}}"#,
               "budget.dollars is -1; expected an amount of dollars above 0, like 0.50."),
              (#"{"models": {"openai/gpt-4o": {"input_price": "cheap"}}}"#,
               #"models.openai/gpt-4o.input_price is "cheap"; expected a price in dollars per million tokens, 0 or more, like 0.15."#),
              (#"{"aliases": {"fast": "gpt-4o"}}"#,
               #"aliases.fast is "gpt-4o"; expected a model id written provider/model, like openai/gpt-4o-mini."#),
              (#"{"endpoints": {"vllm": {"base_url": "http://h/v1", "api_key_env": "MY KEY"}}}"#,
               #"endpoints.vllm.api_key_env is "MY KEY"; expected the name of an environment variable, like MY_API_KEY."#),
              (#"{"endpoints": {"openai": {"base_url": "http://h/v1"}}}"#,
               #"endpoints.openai uses the name "openai"; expected a name of lower-case letters, digits, - and _, other than the built-in providers (anthropic, gemini, local, openai, openai-responses)."#),
              (#"{"endpoints": {"vllm": {"api_key": "k"}}}"#,
               "endpoints.vllm.base_url is missing; expected the endpoint's OpenAI-compatible base URL, like http://127.0.0.1:8000/v1."),
              (#"{"models": {"acme/m1": {"input_price": 1}}}"#,
               "models.acme/m1.output_price is missing; expected both prices of a model Ember has none for (dollars per million tokens)."),
              ("[1, 2]", "the top level is an array; expected an object with the keys model, "
                  + "providers, endpoints, models, aliases, cache, log, data, budget, database."),
          ])
    func wrongValues(json: String, message: String) throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(json, to: fixture.projectFile)
        let error = #expect(throws: ConfigurationError.self) { try fixture.settings() }
        #expect(error?.description == "\(fixture.projectFile): \(message)")
    }

    @Test("an unknown key is named with the close names, or the keys that exist there")
    func unknownKeys() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(#"{"providers": {"openai": {"tiemout": 30}}}"#, to: fixture.userFile)
        var error = #expect(throws: ConfigurationError.self) { try fixture.settings() }
        #expect(error?.description == "\(fixture.userFile): unknown key "
            + "providers.openai.tiemout; did you mean providers.openai.timeout?")

        try fixture.write(#"{"provders": {}}"#, to: fixture.userFile)
        error = #expect(throws: ConfigurationError.self) { try fixture.settings() }
        #expect(error?.description == "\(fixture.userFile): unknown key provders; did you mean "
            + "providers?")

        try fixture.write(#"{"cache": {"xyzzy": 1}}"#, to: fixture.userFile)
        error = #expect(throws: ConfigurationError.self) { try fixture.settings() }
        #expect(error?.description == "\(fixture.userFile): unknown key cache.xyzzy; known "
            + "keys there: mode, path, ttl, directory.")

        // Keys typed on the command line are checked the same way.
        let typed = #expect(throws: ConfigurationError.self) {
            try EmberSettings(environment: [:]).entry(for: "providers.opnai.api_key")
        }
        #expect(typed?.description == "unknown key providers.opnai.api_key; did you mean "
            + "providers.openai.api_key?")
        let section = #expect(throws: ConfigurationError.self) {
            try EmberSettings(environment: [:]).entry(for: "budget")
        }
        #expect(section?.description == "budget is a section, not a value; its keys: dollars, "
            + "tokens.")
    }

    @Test("a file that is not JSON is named with the line and column")
    func invalidJSON() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write("{\n  \"model\": \"a/b\",\n  \"cache\": {\"mode\": rw}\n}",
                          to: fixture.projectFile)
        let error = #expect(throws: ConfigurationError.self) { try fixture.settings() }
        guard case .invalidJSON(_, let line, let column)? = error?.problem else {
            Issue.record("expected invalid JSON, got \(String(describing: error))")
            return
        }
        #expect(line == 3)
        #expect(column == 21)
        #expect(error?.description.hasPrefix(
            "\(fixture.projectFile): not valid JSON at line 3, column 21") == true)

        // An empty file is an empty configuration.
        try fixture.write("  \n", to: fixture.projectFile)
        #expect(try fixture.settings().defaultModel == "local/smollm2")
    }

    @Test("a bad variable is named as before")
    func badVariables() throws {
        let error = #expect(throws: EmberSettingsError.self) {
            try EmberSettings(environment: ["EMBER_LOCAL_PORT": "eighty"])
        }
        #expect(error?.description == "The environment variable EMBER_LOCAL_PORT is 'eighty'; "
            + "expected a port number from 1 to 65535.")
        let secret = #expect(throws: EmberSettingsError.self) {
            try EmberSettings(environment: ["OPENAI_BASE_URL": "not a url"])
        }
        #expect(secret?.description.contains("OPENAI_BASE_URL is 'not a url'") == true)
    }

    @Test("endpoints, model prices, aliases and provider limits reach the context")
    func wiring() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write("""
            {
              "providers": {"openai": {"api_key": "sk-file", "max_attempts": 2,
                                        "rate_limits": {"concurrency": 3,
                                                        "requests_per_minute": 100}}},
              "endpoints": {"myvllm": {"base_url": "http://127.0.0.1:8000/v1",
                                       "api_key_env": "MYVLLM_KEY"}},
              "models": {"openai/gpt-4o-mini": {"input_price": 1, "context_window": 64000},
                         "myvllm/llama-3": {"input_price": 0.5, "output_price": 0.75}},
              "aliases": {"fast": "openai/gpt-4o-mini", "llama": "myvllm/llama-3"}
            }
            """, to: fixture.userFile)
        let settings = try fixture.settings(["MYVLLM_KEY": "vllm-secret"])
        #expect(settings.endpoints["myvllm"]?.apiKey == "vllm-secret")
        #expect(settings.source(of: "endpoints.myvllm.api_key") == .environment("MYVLLM_KEY"))

        let context = EmberContext(settings: settings)
        #expect(context.models.providerNames == ["local", "myvllm", "openai", "openai-responses"])
        #expect(try context.resolve(model: "myvllm/llama-3").provider == "myvllm")
        #expect(try context.resolve(model: "llama") == ModelID(provider: "myvllm", model: "llama-3"))
        #expect(try context.resolve(model: "fast")
            == ModelID(provider: "openai", model: "gpt-4o-mini"))

        let mini = try #require(context.models.registry.info(
            for: ModelID(provider: "openai", model: "gpt-4o-mini")))
        #expect(mini.pricing?.inputPerMillion == 1)
        #expect(mini.pricing?.outputPerMillion == Decimal(string: "0.60"))
        #expect(mini.contextWindow == 64000)
        let llama = try #require(context.models.registry.info(
            for: ModelID(provider: "myvllm", model: "llama-3")))
        #expect(llama.pricing?.outputPerMillion == Decimal(string: "0.75"))

        #expect(context.models.rateLimiter(for: "openai")?.limits
            == RateLimits(maximumConcurrency: 3, requestsPerMinute: 100))
        #expect(context.models.retryPolicy(for: "openai").maximumAttempts == 2)
        #expect(context.models.retryPolicy(for: "local").maximumAttempts == 4)
    }

    @Test("rate_limits.scope model gives each model of the provider its own limiter")
    func perModelLimits() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(#"""
            {"providers": {"anthropic": {"api_key": "k1",
                                         "rate_limits": {"concurrency": 2, "scope": "model"}},
                           "openai": {"api_key": "k2"}}}
            """#, to: fixture.userFile)
        let settings = try fixture.settings([:])
        #expect(settings.source(of: "providers.anthropic.rate_limits.scope")
            == .file(fixture.userFile))
        let context = EmberContext(settings: settings)
        let haiku = try #require(context.models.rateLimiter(
            for: ModelID(provider: "anthropic", model: "claude-haiku")))
        let sonnet = try #require(context.models.rateLimiter(
            for: ModelID(provider: "anthropic", model: "claude-sonnet")))
        #expect(haiku !== sonnet)
        #expect(haiku.limits.maximumConcurrency == 2)
        // The others keep one limiter for all their models.
        #expect(context.models.rateLimiter(for: ModelID(provider: "openai", model: "a"))
            === context.models.rateLimiter(for: ModelID(provider: "openai", model: "b")))
    }

    @Test("list shows every value with its source, secrets masked")
    func entries() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(#"{"providers": {"openai": {"api_key": "sk-abcdefghijklmnopcdef"}}}"#,
                          to: fixture.userFile)
        let settings = try fixture.settings(["EMBER_MODEL": "openai/gpt-4o"])
        let entries = Dictionary(uniqueKeysWithValues: settings.entries.map { ($0.key.description, $0) })
        #expect(entries["providers.openai.api_key"]?.displayValue == "sk-…cdef")
        #expect(entries["providers.openai.api_key"]?.source == .file(fixture.userFile))
        #expect(entries["model"]?.displayValue == "openai/gpt-4o")
        #expect(entries["model"]?.source == .environment("EMBER_MODEL"))
        #expect(entries["providers.anthropic.api_key"]?.displayValue == "(not set)")
        #expect(entries["providers.openai.timeout"]?.displayValue == "600")
        #expect(entries["providers.openai.timeout"]?.source == .defaults)
        #expect(ConfigurationEntry.mask("AIzaSyA-1234567890wxyz") == "…wxyz")
        #expect(ConfigurationEntry.mask("short-key") == "…")
    }
}

@Suite("Editing the user file")
struct ConfigurationFileEditorTests {
    @Test("set writes nested values with mode 0600; unset removes them and empty sections")
    func setAndUnset() throws {
        let fixture = try ConfigurationFixture()
        try ConfigurationFileEditor.set("providers.openai.timeout", to: "30",
                                        inFile: fixture.userFile, home: fixture.home,
                                        workingDirectory: fixture.workingDirectory)
        try ConfigurationFileEditor.set("models.openai/gpt-4.1.input_price", to: "0.075",
                                        inFile: fixture.userFile, home: fixture.home,
                                        workingDirectory: fixture.workingDirectory)
        try ConfigurationFileEditor.set("data.directory", to: "data",
                                        inFile: fixture.userFile, home: fixture.home,
                                        workingDirectory: fixture.workingDirectory)
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.userFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let settings = try fixture.settings()
        #expect(settings.openAI.timeout == 30)
        #expect(settings.modelOverrides[ModelID(provider: "openai", model: "gpt-4.1")]?
            .inputPrice == Decimal(string: "0.075"))
        #expect(settings.dataDirectory == fixture.workingDirectory + "/data")
        // Nothing is left beside the file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.home + "/.ember")
            == ["config.json"])

        #expect(try ConfigurationFileEditor.unset("providers.openai.timeout",
                                                  inFile: fixture.userFile))
        #expect(try !ConfigurationFileEditor.unset("providers.openai.timeout",
                                                   inFile: fixture.userFile))
        let text = try String(contentsOfFile: fixture.userFile, encoding: .utf8)
        #expect(!text.contains("providers"))
        #expect(text.contains("\"openai/gpt-4.1\""))
    }

    @Test("set refuses unknown keys and bad values; unset takes out a misspelt key")
    func refusals() throws {
        let fixture = try ConfigurationFixture()
        let unknown = #expect(throws: ConfigurationError.self) {
            try ConfigurationFileEditor.set("providers.openai.tiemout", to: "3",
                                            inFile: fixture.userFile, home: fixture.home,
                                            workingDirectory: fixture.workingDirectory)
        }
        #expect(unknown?.description == "unknown key providers.openai.tiemout; did you mean "
            + "providers.openai.timeout?")
        let bad = #expect(throws: ConfigurationError.self) {
            try ConfigurationFileEditor.set("providers.openai.timeout", to: "fast",
                                            inFile: fixture.userFile, home: fixture.home,
                                            workingDirectory: fixture.workingDirectory)
        }
        #expect(bad?.description == "providers.openai.timeout is 'fast'; expected a number of "
            + "seconds above 0.")
        #expect(!FileManager.default.fileExists(atPath: fixture.userFile))

        try fixture.write(#"{"providers": {"openai": {"tiemout": 3, "timeout": 5}}}"#,
                          to: fixture.userFile)
        #expect(try ConfigurationFileEditor.unset("providers.openai.tiemout",
                                                  inFile: fixture.userFile))
        #expect(try fixture.settings().openAI.timeout == 5)

        try fixture.write("{\"model\": ", to: fixture.userFile)
        let broken = #expect(throws: ConfigurationError.self) {
            try ConfigurationFileEditor.set("model", to: "a/b", inFile: fixture.userFile,
                                            home: fixture.home,
                                            workingDirectory: fixture.workingDirectory)
        }
        #expect(broken?.source == .file(fixture.userFile))
    }
}
