import Ember
import Foundation

/// `ember doctor`: checks what Ember needs and says how to fix what is wrong.
enum DoctorCommand {
    static let specification = CommandSpecification(
        path: "ember doctor",
        overview: "Check the configuration, each provider's credentials and reachability, the "
            + "local model server, the database, the response cache and the data directory; "
            + "print one line per check (ok, warning or problem) with how to fix it. Exit "
            + "status 1 if any check finds a problem. Keys are shown masked.",
        options: [
            OptionSpecification(name: "timeout", valueName: "SECONDS",
                                help: "The longest wait for each server to answer "
                                    + "(default: 10)."),
        ])

    /// The outcome of one check.
    struct Check {
        enum Status: String {
            case ok, warning, problem
        }

        var status: Status
        /// What was checked (`openai`, `database`).
        var subject: String
        /// What was found, in a sentence.
        var finding: String
        /// How to fix it, where something needs fixing.
        var fix: String?

        var line: String {
            let marker = status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            return "\(marker) \(subject): \(finding)" + (fix.map { " Fix: \($0)" } ?? "")
        }
    }

    static func run(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        let timeout = Duration.seconds(try parsed.integer("timeout", default: 10, in: 1...600))
        var checks: [Check] = []
        func report(_ check: Check) {
            print(check.line)
            checks.append(check)
        }

        let settings = loadSettings(report: report)
        let client = HTTPClient()
        let defaultProvider = (try? ModelRegistry.builtIn.resolve(settings.defaultModel))?
            .provider
        for provider in CloudProvider.all(settings) {
            report(await check(provider, client: client, timeout: timeout,
                               isDefault: defaultProvider == provider.name
                                   || (provider.name == "openai"
                                       && defaultProvider == "openai-responses")))
        }
        report(await checkLocalServer(settings, client: client, timeout: timeout,
                                      isDefault: defaultProvider == "local"))
        report(checkDatabase(settings))
        report(checkResponseCache(settings))
        for check in checkData(settings) { report(check) }

        let count = { (status: Check.Status) in checks.filter { $0.status == status }.count }
        let problems = count(.problem)
        let warnings = count(.warning)
        print("\n\(checks.count) checks: \(count(.ok)) ok, \(warnings) "
            + (warnings == 1 ? "warning" : "warnings") + ", \(problems) "
            + (problems == 1 ? "problem." : "problems."))
        return problems > 0 ? 1 : 0
    }

    // MARK: Configuration

    /// Reads the settings, reporting each variable or file value that cannot be used and
    /// reading on without it, so that the other checks still run.
    private static func loadSettings(report: (Check) -> Void) -> EmberSettings {
        var environment = ProcessInfo.processInfo.environment
        var hasProblem = false
        var skipsFiles = false
        while true {
            do {
                let settings = skipsFiles
                    ? try EmberSettings(environment: environment)
                    : try EmberSettings.load(environment: environment)
                if !hasProblem {
                    report(Check(status: .ok, subject: "configuration",
                                 finding: "the settings are valid; default model "
                                     + "\(settings.defaultModel), log level \(settings.logLevel)."))
                }
                return settings
            } catch {
                hasProblem = true
                switch error.source {
                case .environment(let variable):
                    report(Check(status: .problem, subject: "configuration",
                                 finding: error.description,
                                 fix: "set \(variable) to a value it takes, or unset it for "
                                     + "the default."))
                    environment[variable] = nil
                case .file(let path):
                    report(Check(status: .problem, subject: "configuration",
                                 finding: error.description,
                                 fix: "correct \(error.key ?? "the file") in \(path) ('ember "
                                     + "config unset KEY' removes a key from the user file); the "
                                     + "checks below ignore the configuration files."))
                    skipsFiles = true
                case .defaults, .override, nil:
                    report(Check(status: .problem, subject: "configuration",
                                 finding: error.description, fix: "see 'ember config list'."))
                    skipsFiles = true
                    environment = [:]
                }
            }
        }
    }

    // MARK: Providers

    /// A cloud provider as the settings configure it.
    struct CloudProvider {
        var name: String
        var baseURL: String
        var apiKey: String?
        var isConfigured: Bool
        var keyVariable: String
        var baseURLVariable: String
        /// Where a key is made.
        var keyPage: String
        /// The models list, and the headers that authenticate it.
        var modelsPath: String
        var headers: (String?) -> [HTTPHeader]

        static func all(_ settings: EmberSettings) -> [CloudProvider] {
            [
                CloudProvider(
                    name: "openai", baseURL: settings.openAIBaseURL,
                    apiKey: settings.openAIAPIKey,
                    isConfigured: settings.openAIAPIKey != nil || settings.hasCustomOpenAIBaseURL,
                    keyVariable: "OPENAI_API_KEY", baseURLVariable: "OPENAI_BASE_URL",
                    keyPage: "https://platform.openai.com/api-keys", modelsPath: "/models",
                    headers: { key in
                        key.map { [HTTPHeader(name: "Authorization", value: "Bearer \($0)")] }
                            ?? []
                    }),
                CloudProvider(
                    name: "anthropic", baseURL: settings.anthropicBaseURL,
                    apiKey: settings.anthropicAPIKey,
                    isConfigured: settings.anthropicAPIKey != nil
                        || settings.hasCustomAnthropicBaseURL,
                    keyVariable: "ANTHROPIC_API_KEY", baseURLVariable: "ANTHROPIC_BASE_URL",
                    keyPage: "https://console.anthropic.com/settings/keys",
                    modelsPath: "/v1/models",
                    headers: { key in
                        [HTTPHeader(name: "anthropic-version", value: AnthropicProvider.apiVersion)]
                            + (key.map { [HTTPHeader(name: "x-api-key", value: $0)] } ?? [])
                    }),
                CloudProvider(
                    name: "gemini", baseURL: settings.geminiBaseURL,
                    apiKey: settings.geminiAPIKey,
                    isConfigured: settings.geminiAPIKey != nil || settings.hasCustomGeminiBaseURL,
                    keyVariable: "GEMINI_API_KEY", baseURLVariable: "GEMINI_BASE_URL",
                    keyPage: "https://aistudio.google.com/apikey", modelsPath: "/models",
                    headers: { key in
                        key.map { [HTTPHeader(name: "x-goog-api-key", value: $0)] } ?? []
                    }),
            ]
        }
    }

    /// Asks a configured provider for its models list, with a bounded wait.
    private static func check(_ provider: CloudProvider, client: HTTPClient, timeout: Duration,
                              isDefault: Bool) async -> Check {
        let name = provider.name
        guard provider.isConfigured else {
            return Check(status: isDefault ? .problem : .warning, subject: name,
                         finding: "not configured"
                             + (isDefault ? ", but the default model uses it." : "."),
                         fix: "export \(provider.keyVariable) to call \(name)/… models (or set "
                             + "\(provider.baseURLVariable) to a server of your own).")
        }
        let base = provider.baseURL.hasSuffix("/") ? String(provider.baseURL.dropLast())
            : provider.baseURL
        let url = base + provider.modelsPath
        let key = provider.apiKey.map { "key \(mask($0)) from \(provider.keyVariable)" }
            ?? "no key"
        let response: HTTPResponse
        do {
            response = try await client.send(HTTPRequest(
                url: url, headers: provider.headers(provider.apiKey),
                timeouts: HTTPTimeouts(connect: min(timeout, .seconds(5)), total: timeout)))
        } catch {
            let detail = (error as? HTTPClientError)?.detail ?? "\(error)"
            return Check(status: .problem, subject: name,
                         finding: "\(url) cannot be reached (\(redacting(detail, provider))).",
                         fix: "check the network, or \(provider.baseURLVariable) if it names "
                             + "the wrong server.")
        }
        let message = providerMessage(response.body, provider)
        switch response.status {
        case 200..<300:
            let count = modelCount(response.body).map { ", \($0) model" + ($0 == 1 ? "" : "s") }
                ?? ""
            return Check(status: .ok, subject: name,
                         finding: "\(url) answers (\(key)\(count)).")
        case 401, 403:
            return Check(status: .problem, subject: name,
                         finding: "\(url) refused the credentials (HTTP \(response.status), "
                             + "\(key)): \(message)",
                         fix: "set \(provider.keyVariable) to a valid key (\(provider.keyPage)).")
        case 404, 405:
            return Check(status: .warning, subject: name,
                         finding: "\(url) answers but lists no models (HTTP \(response.status), "
                             + "\(key)); calls may still work.",
                         fix: "check that \(provider.baseURLVariable) is the API's base URL.")
        default:
            return Check(status: .problem, subject: name,
                         finding: "\(url) answered HTTP \(response.status) (\(key)): \(message)",
                         fix: "try again later, or check \(provider.baseURLVariable).")
        }
    }

    /// A key as doctor shows it: its first three and last four characters, or only its
    /// length when it is too short to show any of it safely.
    static func mask(_ key: String) -> String {
        guard key.count >= 16 else { return "set, \(key.count) characters" }
        return "\(key.prefix(3))…\(key.suffix(4))"
    }

    /// The provider's own error message from an error body, without the key, shortened.
    private static func providerMessage(_ body: Data, _ provider: CloudProvider) -> String {
        struct ErrorBody: Decodable {
            struct Detail: Decodable { var message: String? }
            var error: Detail?
        }
        let text = (try? JSONDecoder().decode(ErrorBody.self, from: body))?.error?.message
            ?? String(decoding: body.prefix(200), as: UTF8.self)
        let cleaned = redacting(text, provider).trimmingCharacters(in: .whitespacesAndNewlines)
        return cleaned.isEmpty ? "no message." : String(cleaned.prefix(200))
    }

    private static func redacting(_ text: String, _ provider: CloudProvider) -> String {
        guard let key = provider.apiKey, !key.isEmpty else { return text }
        return text.replacingOccurrences(of: key, with: "[redacted]")
    }

    /// The number of models in an OpenAI or Anthropic (`data`) or Gemini (`models`) list.
    private static func modelCount(_ body: Data) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        else { return nil }
        return ((object["data"] ?? object["models"]) as? [Any])?.count
    }

    // MARK: Local server

    private static func checkLocalServer(_ settings: EmberSettings, client: HTTPClient,
                                         timeout: Duration, isDefault: Bool) async -> Check {
        let base = settings.localBaseURL
        let healthURL = (base.hasSuffix("/v1") ? String(base.dropLast(3)) : base) + "/health"
        let controller = LocalServerController(cacheDirectory: settings.cacheDirectory,
                                               client: client)
        let record = controller.currentRecord()
        let started = record.map { ", started by 'ember local start' as pid \($0.processID)" }
            ?? ""
        let failure: String
        do {
            let response = try await client.send(HTTPRequest(
                url: healthURL,
                timeouts: HTTPTimeouts(connect: min(timeout, .seconds(5)), total: timeout)))
            if response.isSuccess {
                let provider = OpenAICompatibleProvider(baseURL: base, apiKey: nil,
                                                        client: client)
                let served = (try? await provider.listModels())?
                    .map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
                return Check(status: .ok, subject: "local",
                             finding: "the server at \(base) is healthy"
                                 + (served.map { ", serving \($0)" } ?? "") + "\(started).")
            }
            failure = "\(healthURL) answered HTTP \(response.status)"
        } catch {
            failure = "\(healthURL) does not answer ("
                + ((error as? HTTPClientError)?.detail ?? "\(error)") + ")"
        }
        let status: Check.Status = isDefault ? .problem : .warning
        let usage = isDefault ? "; the default model \(settings.defaultModel) needs it" : ""
        if let record {
            return Check(status: status, subject: "local",
                         finding: "Ember's server (pid \(record.processID)) runs, but "
                             + "\(failure)\(usage).",
                         fix: "'ember local stop', then 'ember local start'; its log is "
                             + "\(record.logPath).")
        }
        let isInstalled = (try? LocalModelInstallation.read(
            fromCacheDirectory: settings.cacheDirectory)) != nil
        return Check(status: status, subject: "local",
                     finding: "no server is running: \(failure)\(usage).",
                     fix: isInstalled ? "'ember local start'."
                         : "install it with scripts/install-local-model.sh, then "
                             + "'ember local start' (or set EMBER_LOCAL_BASE_URL to a running "
                             + "server).")
    }

    // MARK: Files

    private static func checkDatabase(_ settings: EmberSettings) -> Check {
        let path = settings.databasePath
        let fix = "set EMBER_DB to a file in a writable directory, or make "
            + "\((path as NSString).deletingLastPathComponent) writable."
        do {
            let database = try SQLiteDatabase(path: path)
            let ledger = try UsageLedger(database: database)
            _ = try RunJournal(database: database)
            // A write that is rolled back: a read-only file fails it, a writable one keeps
            // nothing.
            try database.execute("BEGIN IMMEDIATE; CREATE TABLE ember_doctor_probe (x); "
                + "ROLLBACK")
            let calls = try ledger.totals(by: .model, since: nil)
                .reduce(0) { $0 + $1.totals.calls }
            return Check(status: .ok, subject: "database",
                         finding: "\(path) opens and is writable (\(calls) model "
                             + (calls == 1 ? "call" : "calls") + " recorded).")
        } catch {
            return Check(status: .problem, subject: "database",
                         finding: "\(path) cannot be used: \(error)", fix: fix)
        }
    }

    private static func checkResponseCache(_ settings: EmberSettings) -> Check {
        let mode = settings.cacheMode
        let path = settings.cachePath
        guard mode != .off else {
            return Check(status: .ok, subject: "response cache",
                         finding: "off (EMBER_CACHE=read-write turns it on).")
        }
        let files = FileManager.default
        let writes = mode == .readWrite || mode == .record
        if files.fileExists(atPath: path) {
            guard files.isReadableFile(atPath: path),
                  !writes || files.isWritableFile(atPath: path) else {
                return Check(status: .problem, subject: "response cache",
                             finding: "\(mode) at \(path), which cannot be "
                                 + (writes ? "written." : "read."),
                             fix: "fix its permissions, or set EMBER_CACHE_PATH elsewhere.")
            }
            return Check(status: .ok, subject: "response cache", finding: "\(mode) at \(path).")
        }
        switch mode {
        case .replay:
            return Check(status: .problem, subject: "response cache",
                         finding: "replay from \(path), which does not exist: every call "
                             + "would fail.",
                         fix: "record first with EMBER_CACHE=record, or set EMBER_CACHE_PATH.")
        case .readOnly:
            return Check(status: .warning, subject: "response cache",
                         finding: "read-only from \(path), which does not exist yet: every "
                             + "call goes to its model.",
                         fix: "use EMBER_CACHE=read-write to fill it.")
        default:
            return Check(status: .ok, subject: "response cache",
                         finding: "\(mode); \(path) will be created on the first call.")
        }
    }

    private static func checkData(_ settings: EmberSettings) -> [Check] {
        var checks: [Check] = []
        if let bundled = GSM8K.bundledPath, FileManager.default.fileExists(atPath: bundled) {
            checks.append(Check(status: .ok, subject: "data",
                                finding: "GSM8K's test split is bundled at \(bundled)."))
        } else {
            checks.append(Check(status: .problem, subject: "data",
                                finding: "the bundled copy of GSM8K is missing.",
                                fix: "reinstall Ember, or set EMBER_DATA_DIR to a directory "
                                    + "holding gsm8k/test.jsonl."))
        }
        let service = DatasetService(settings: settings, client: HTTPClient())
        do {
            try service.searchPath.validate()
            var found: [String] = []
            var missing: [String] = []
            for name in service.registry.names {
                if let location = try service.locate(name), location.origin != .bundled {
                    found.append("\(name) (\(location.origin.rawValue))")
                } else if try service.locate(name) == nil {
                    missing.append(name)
                }
            }
            let directories = service.searchPath.directories.joined(separator: ", ")
            checks.append(Check(
                status: .ok, subject: "data directory",
                finding: "searched: \(directories); "
                    + (found.isEmpty ? "no benchmark files found there" : "found "
                        + found.joined(separator: ", "))
                    + (missing.isEmpty ? "." : "; " + missing.joined(separator: ", ")
                        + " download on first use.")))
        } catch {
            checks.append(Check(status: .problem, subject: "data directory",
                                finding: error.description,
                                fix: "point EMBER_DATA_DIR at an existing directory, or "
                                    + "unset it."))
        }
        return checks
    }
}
