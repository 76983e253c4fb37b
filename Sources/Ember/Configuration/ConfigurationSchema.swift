import EmberModels
import Foundation

/// Every configuration key, what it takes, the environment variables that set it, and the
/// ``EmberSettings`` field it fills.
///
/// Keys are dotted paths for `ember config`; in a file they nest:
/// `{"providers": {"openai": {"timeout": 30}}}`. `P` is `openai`, `anthropic`, `gemini` or
/// `local`.
///
/// - `model`: the model used when none is named (default `local/smollm2`; `EMBER_MODEL`).
/// - `providers.P.api_key`: the API key (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`,
///   `GEMINI_API_KEY` or `GOOGLE_API_KEY`; not for `local`).
/// - `providers.P.base_url`: the API's base URL (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`,
///   `GEMINI_BASE_URL`, `EMBER_LOCAL_BASE_URL`; `local` defaults to
///   `http://127.0.0.1:PORT/v1`).
/// - `providers.openai.organization`: sent as `OpenAI-Organization` (`OPENAI_ORG_ID`).
/// - `providers.P.timeout`: seconds one request may take (default 600).
/// - `providers.P.max_attempts`: attempts per call, the first included (default 4; 1 means
///   no retry).
/// - `providers.P.rate_limits.concurrency`, `.requests_per_minute`, `.tokens_per_minute`:
///   calls in flight (default 64), calls and tokens per minute (default: no limit);
///   `.scope`: `provider` (every call shares the limits, the default) or `model` (each model
///   has its own).
/// - `providers.local.port`: the local server's port (default 8431; `EMBER_LOCAL_PORT`).
/// - `providers.local.model_file`: a GGUF file for `ember local start` (`EMBER_LOCAL_MODEL`).
/// - `endpoints.NAME.base_url`: an OpenAI-compatible server, registered as provider `NAME`
///   (so `NAME/llama-3` calls it); `endpoints.NAME.api_key`, or `.api_key_env` naming the
///   variable that holds it; `organization`, `timeout`, `max_attempts` and `rate_limits.…`
///   as for providers.
/// - `models.PROVIDER/MODEL.input_price`, `.cached_input_price`, `.output_price`: dollars per
///   million tokens; `.context_window`: tokens of input and output together. A model Ember
///   does not know needs both `input_price` and `output_price`.
/// - `aliases.ALIAS`: the `provider/model` the alias names.
/// - `cache.mode`: off, read-write, read-only, record or replay (default off; `EMBER_CACHE`).
/// - `cache.path`: the response cache's SQLite file (default `~/.ember/cache.db`;
///   `EMBER_CACHE_PATH`).
/// - `cache.ttl`: seconds a cached response stays valid (default: until cleared;
///   `EMBER_CACHE_TTL`).
/// - `cache.directory`: downloads, the local model and its server's files (default
///   `$XDG_CACHE_HOME/ember` or `~/.cache/ember`; `EMBER_CACHE_DIR`).
/// - `log.level`: trace, debug, info, notice, warning, error or critical (default warning;
///   `EMBER_LOG_LEVEL`).
/// - `data.directory`: datasets searched before the cache; `--data-dir` wins
///   (`EMBER_DATA_DIR`).
/// - `budget.dollars`, `budget.tokens`: the most a context's calls may spend (`EMBER_BUDGET`,
///   `EMBER_BUDGET_TOKENS`).
/// - `database`: the usage ledger and run journal (default `~/.ember/ember.db`; `EMBER_DB`).
///
/// In a file, `~/` starts a path in the home directory and a relative path is relative to
/// the file's directory; `ember config set` writes a relative path absolute.
enum ConfigurationSchema {
    /// A level of the key tree.
    indirect enum Node: Sendable {
        /// A key that holds a value.
        case value(Leaf)
        /// A section of fixed keys.
        case section([Child])
        /// Entries under names the user chooses (endpoints, models, aliases).
        case entries(Entries)

        /// How many segments a key below this node has (entries' nodes are uniform).
        var depth: Int {
            switch self {
            case .value: 0
            case .section(let children): 1 + (children.map(\.node.depth).max() ?? 0)
            case .entries(let entries): 1 + entries.node.depth
            }
        }
    }

    /// A named key or section inside a section.
    struct Child: Sendable {
        var name: String
        var node: Node
    }

    /// A key that holds a value: its kind, its meaning, and how it reads and writes
    /// ``EmberSettings`` (given the entry's name, for keys inside entries).
    struct Leaf: Sendable {
        var kind: ValueKind
        var help: String
        var variables: [String] = []
        var read: @Sendable (EmberSettings, String?) -> ConfigurationValue?
        var write: @Sendable (inout EmberSettings, String?, ConfigurationValue) -> Void

        var isSecret: Bool { kind == .secret }
    }

    /// Entries under names of the user's.
    struct Entries: Sendable {
        /// How the name is written in help (`NAME`).
        var placeholder: String
        /// Whether a name may contain dots (a model id), so that in a dotted key it runs up
        /// to the entry's own keys.
        var nameSpansDots: Bool
        /// What a name must be, for errors.
        var nameExpected: String
        var isValidName: @Sendable (String) -> Bool
        /// The names the settings have entries for, sorted.
        var names: @Sendable (EmberSettings) -> [String]
        var node: Node
    }

    /// A key found in the schema.
    struct Resolved {
        var key: ConfigurationKey
        var leaf: Leaf
        /// The entry's name, for keys inside entries.
        var name: String?
        /// Whether the key is inside entries (so has no value unless configured).
        var isInEntries: Bool { name != nil }
    }

    // MARK: Looking keys up

    /// Reads a dotted key as typed by a person (`providers.openai.timeout`,
    /// `models.openai/gpt-4.1.input_price`).
    ///
    /// - Throws: ``ConfigurationError`` (with no source) for an unknown key, with close names,
    ///   or for a section rather than a value.
    static func resolve(_ text: String) throws(ConfigurationError) -> Resolved {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
            .map(String.init)
        return try resolve(segments[...], node: root, prefix: [], name: nil, typed: text)
    }

    private static func resolve(_ segments: ArraySlice<String>, node: Node, prefix: [String],
                                name: String?, typed: String)
        throws(ConfigurationError) -> Resolved
    {
        switch node {
        case .value(let leaf):
            guard segments.isEmpty else {
                throw ConfigurationError(
                    source: nil, key: typed,
                    problem: .unknownKey(suggestions: [prefix.joined(separator: ".")],
                                         known: []))
            }
            return Resolved(key: ConfigurationKey(segments: prefix), leaf: leaf, name: name)
        case .section(let children):
            guard let first = segments.first else {
                throw ConfigurationError(source: nil, key: typed,
                                         problem: .section(known: children.map(\.name)))
            }
            guard let child = children.first(where: { $0.name == first }) else {
                let rest = segments.dropFirst()
                let suggestions = closeNames(to: first, among: children.map(\.name))
                    .map { (prefix + [$0] + rest).joined(separator: ".") }
                throw ConfigurationError(
                    source: nil, key: typed,
                    problem: .unknownKey(suggestions: suggestions,
                                         known: children.map(\.name)))
            }
            return try resolve(segments.dropFirst(), node: child.node, prefix: prefix + [first],
                               name: name, typed: typed)
        case .entries(let entries):
            guard !segments.isEmpty else {
                throw ConfigurationError(source: nil, key: typed,
                                         problem: .section(known: [entries.placeholder]))
            }
            let count = entries.nameSpansDots
                ? max(1, segments.count - entries.node.depth) : 1
            let entryName = segments.prefix(count).joined(separator: ".")
            guard entries.isValidName(entryName) else {
                throw ConfigurationError(
                    source: nil, key: (prefix + [entryName]).joined(separator: "."),
                    problem: .invalidName(shown: "\"\(entryName)\"",
                                          expected: entries.nameExpected))
            }
            return try resolve(segments.dropFirst(count), node: entries.node,
                               prefix: prefix + [entryName], name: entryName, typed: typed)
        }
    }

    /// The schema entry of a key made of known segments, or `nil`.
    static func resolve(_ key: ConfigurationKey) -> Resolved? {
        var node = root
        var name: String?
        for segment in key.segments {
            switch node {
            case .value:
                return nil
            case .section(let children):
                guard let child = children.first(where: { $0.name == segment }) else {
                    return nil
                }
                node = child.node
            case .entries(let entries):
                guard entries.isValidName(segment) else { return nil }
                name = segment
                node = entries.node
            }
        }
        guard case .value(let leaf) = node else { return nil }
        return Resolved(key: key, leaf: leaf, name: name)
    }

    /// Every key of the settings, in the schema's order: each fixed key, and the keys of each
    /// entry the settings have.
    static func keys(of settings: EmberSettings) -> [Resolved] {
        var found: [Resolved] = []
        func walk(_ node: Node, prefix: [String], name: String?) {
            switch node {
            case .value(let leaf):
                found.append(Resolved(key: ConfigurationKey(segments: prefix), leaf: leaf,
                                      name: name))
            case .section(let children):
                for child in children {
                    walk(child.node, prefix: prefix + [child.name], name: name)
                }
            case .entries(let entries):
                for entryName in entries.names(settings) {
                    walk(entries.node, prefix: prefix + [entryName], name: entryName)
                }
            }
        }
        walk(root, prefix: [], name: nil)
        return found
    }

    // MARK: Reading JSON

    /// The values of a decoded JSON file, checked against the schema.
    ///
    /// - Throws: ``ConfigurationError`` naming `source`, the key and what is expected.
    static func values(ofJSON json: Any, source: ConfigurationSource,
                       paths: ValueKind.PathBase) throws(ConfigurationError)
        -> [ConfigurationLayer.Entry]
    {
        var entries: [ConfigurationLayer.Entry] = []
        func fail(_ prefix: [String], _ problem: ConfigurationError.Problem) -> ConfigurationError {
            ConfigurationError(source: source,
                               key: prefix.isEmpty ? nil : prefix.joined(separator: "."),
                               problem: problem)
        }
        func walk(_ json: Any, _ node: Node, prefix: [String]) throws(ConfigurationError) {
            switch node {
            case .value(let leaf):
                guard let value = leaf.kind.parse(json: json, paths: paths) else {
                    throw fail(prefix, .invalidValue(
                        shown: leaf.kind.show(json: json, isSecret: leaf.isSecret),
                        expected: leaf.kind.expected))
                }
                entries.append(ConfigurationLayer.Entry(
                    key: ConfigurationKey(segments: prefix), value: value, source: source))
            case .section(let children):
                guard let object = json as? [String: Any] else {
                    throw fail(prefix, .invalidValue(
                        shown: ValueKind.text.show(json: json, isSecret: false),
                        expected: "an object with the keys "
                            + children.map(\.name).joined(separator: ", ")))
                }
                for (name, value) in object.sorted(by: { $0.key < $1.key }) {
                    guard let child = children.first(where: { $0.name == name }) else {
                        throw fail(prefix + [name], .unknownKey(
                            suggestions: closeNames(to: name, among: children.map(\.name))
                                .map { (prefix + [$0]).joined(separator: ".") },
                            known: children.map(\.name)))
                    }
                    try walk(value, child.node, prefix: prefix + [name])
                }
            case .entries(let described):
                guard let object = json as? [String: Any] else {
                    throw fail(prefix, .invalidValue(
                        shown: ValueKind.text.show(json: json, isSecret: false),
                        expected: "an object of entries by \(described.placeholder)"))
                }
                for (name, value) in object.sorted(by: { $0.key < $1.key }) {
                    guard described.isValidName(name) else {
                        throw fail(prefix + [name], .invalidName(
                            shown: "\"\(name)\"", expected: described.nameExpected))
                    }
                    try walk(value, described.node, prefix: prefix + [name])
                }
            }
        }
        try walk(json, root, prefix: [])
        return entries
    }

    // MARK: The keys

    static let root: Node = .section([
        Child(name: "model", node: text(
            .modelName, "The model used when none is named (default local/smollm2).",
            variables: ["EMBER_MODEL"],
            get: { settings, _ in settings.defaultModel },
            set: { settings, _, value in settings.defaultModel = value })),
        Child(name: "providers", node: .section([
            Child(name: "openai", node: .section(provider(
                .builtIn(.openAI), keyVariables: ["OPENAI_API_KEY"],
                baseURLVariables: ["OPENAI_BASE_URL"], organizationVariables: ["OPENAI_ORG_ID"],
                what: "OpenAI's API or a compatible server (also openai-responses)"))),
            Child(name: "anthropic", node: .section(provider(
                .builtIn(.anthropic), keyVariables: ["ANTHROPIC_API_KEY"],
                baseURLVariables: ["ANTHROPIC_BASE_URL"], organizationVariables: nil,
                what: "Anthropic's messages API"))),
            Child(name: "gemini", node: .section(provider(
                .builtIn(.gemini), keyVariables: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
                baseURLVariables: ["GEMINI_BASE_URL"], organizationVariables: nil,
                what: "the Gemini API"))),
            Child(name: "local", node: .section(localProvider)),
        ])),
        Child(name: "endpoints", node: .entries(Entries(
            placeholder: "NAME", nameSpansDots: false,
            nameExpected: "a name of lower-case letters, digits, - and _, other than the "
                + "built-in providers ("
                + EmberSettings.BuiltInProvider.reservedNames.sorted().joined(separator: ", ")
                + ")",
            isValidName: { name in
                name.wholeMatch(of: /[a-z0-9][a-z0-9_-]*/) != nil
                    && !EmberSettings.BuiltInProvider.reservedNames.contains(name)
            },
            names: { $0.endpoints.keys.sorted() },
            node: .section(endpoint)))),
        Child(name: "models", node: .entries(Entries(
            placeholder: "PROVIDER/MODEL", nameSpansDots: true,
            nameExpected: "a model id written provider/model",
            isValidName: { (try? ModelID(parsing: $0)) != nil },
            names: { $0.modelOverrides.keys.map(\.description).sorted() },
            node: .section(modelOverride)))),
        Child(name: "aliases", node: .entries(Entries(
            placeholder: "ALIAS", nameSpansDots: true,
            nameExpected: "a name without '/' or spaces",
            isValidName: { name in
                !name.isEmpty && !name.contains("/") && !name.contains(where: \.isWhitespace)
            },
            names: { $0.aliases.keys.sorted() },
            node: text(.modelID, "The provider/model id the alias names.",
                       get: { settings, alias in
                           alias.flatMap { settings.aliases[$0]?.description }
                       },
                       set: { settings, alias, value in
                           if let alias, let id = try? ModelID(parsing: value) {
                               settings.aliases[alias] = id
                           }
                       })))),
        Child(name: "cache", node: .section([
            Child(name: "mode", node: text(
                .choice(ResponseCacheMode.allCases.map(\.rawValue)),
                "How the response cache takes part in calls (default off).",
                variables: ["EMBER_CACHE"],
                get: { settings, _ in settings.cacheMode.rawValue },
                set: { settings, _, value in
                    settings.cacheMode = ResponseCacheMode(rawValue: value) ?? settings.cacheMode
                })),
            Child(name: "path", node: text(
                .path, "The response cache's SQLite file (default ~/.ember/cache.db).",
                variables: ["EMBER_CACHE_PATH"],
                get: { settings, _ in settings.cachePath },
                set: { settings, _, value in settings.cachePath = value })),
            Child(name: "ttl", node: number(
                .seconds, "Seconds a cached response stays valid (default: until cleared).",
                variables: ["EMBER_CACHE_TTL"],
                get: { settings, _ in settings.cacheTimeToLive.map { decimal($0) } },
                set: { settings, _, value in settings.cacheTimeToLive = double(value) })),
            Child(name: "directory", node: text(
                .path, "Where downloaded datasets, the local model and its server's state "
                    + "and log live (default $XDG_CACHE_HOME/ember or ~/.cache/ember).",
                variables: ["EMBER_CACHE_DIR"],
                get: { settings, _ in settings.cacheDirectory },
                set: { settings, _, value in settings.cacheDirectory = value })),
        ])),
        Child(name: "log", node: .section([
            Child(name: "level", node: text(
                .choice(LogLevel.allCases.map(\.description)),
                "The least severe log lines written to standard error (default warning).",
                variables: ["EMBER_LOG_LEVEL"],
                get: { settings, _ in settings.logLevel.description },
                set: { settings, _, value in
                    settings.logLevel = LogLevel(name: value) ?? settings.logLevel
                })),
        ])),
        Child(name: "data", node: .section([
            Child(name: "directory", node: text(
                .path, "A directory laid out like shared/datasets, searched before the "
                    + "cache; --data-dir wins over it.",
                variables: ["EMBER_DATA_DIR"],
                get: { settings, _ in settings.dataDirectory },
                set: { settings, _, value in settings.dataDirectory = value })),
        ])),
        Child(name: "budget", node: .section([
            Child(name: "dollars", node: number(
                .dollars, "The most dollars a context's calls may spend (default: no limit).",
                variables: ["EMBER_BUDGET"],
                get: { settings, _ in settings.budgetDollars },
                set: { settings, _, value in settings.budgetDollars = value })),
            Child(name: "tokens", node: integer(
                .count("tokens"), "The most tokens a context's calls may use (default: no "
                    + "limit).",
                variables: ["EMBER_BUDGET_TOKENS"],
                get: { settings, _ in settings.budgetTokens },
                set: { settings, _, value in settings.budgetTokens = value })),
        ])),
        Child(name: "database", node: text(
            .path, "The SQLite database of the usage ledger and the run journal (default "
                + "~/.ember/ember.db).",
            variables: ["EMBER_DB"],
            get: { settings, _ in settings.databasePath },
            set: { settings, _, value in settings.databasePath = value })),
    ])

    /// Which provider's settings a provider key reads and writes.
    private enum ProviderSlot: Sendable {
        case builtIn(EmberSettings.BuiltInProvider)
        case endpoint

        func get(_ settings: EmberSettings, _ name: String?) -> ProviderSettings {
            switch self {
            case .builtIn(let provider): settings[provider]
            case .endpoint: settings.endpoints[name ?? ""] ?? ProviderSettings(baseURL: "")
            }
        }

        func set(_ settings: inout EmberSettings, _ name: String?, _ value: ProviderSettings) {
            switch self {
            case .builtIn(let provider): settings[provider] = value
            case .endpoint: settings.endpoints[name ?? ""] = value
            }
        }
    }

    /// The keys of a built-in provider.
    private static func provider(_ slot: ProviderSlot, keyVariables: [String],
                                 baseURLVariables: [String], organizationVariables: [String]?,
                                 what: String) -> [Child] {
        var children = [
            Child(name: "api_key", node: providerText(
                slot, .secret, "The API key of \(what).", variables: keyVariables,
                get: { $0.apiKey }, set: { $0.apiKey = $1 })),
            Child(name: "base_url", node: providerText(
                slot, .url, "The base URL of \(what).", variables: baseURLVariables,
                get: { $0.baseURL }, set: { $0.baseURL = $1 })),
        ]
        if let organizationVariables {
            children.append(organization(slot, variables: organizationVariables))
        }
        return children + limits(slot)
    }

    private static let localProvider: [Child] = [
        Child(name: "base_url", node: providerText(
            .builtIn(.local), .url, "Where local/… models are reached (default "
                + "http://127.0.0.1:PORT/v1).",
            variables: ["EMBER_LOCAL_BASE_URL"], get: { $0.baseURL }, set: { $0.baseURL = $1 })),
        Child(name: "port", node: integer(
            .port, "The local model server's port (default 8431).",
            variables: ["EMBER_LOCAL_PORT"],
            get: { settings, _ in settings.localPort },
            set: { settings, _, value in settings.localPort = value })),
        Child(name: "model_file", node: text(
            .path, "A GGUF file for 'ember local start' to serve instead of SmolLM2.",
            variables: ["EMBER_LOCAL_MODEL"],
            get: { settings, _ in settings.localModelPath },
            set: { settings, _, value in settings.localModelPath = value })),
    ] + limits(.builtIn(.local))

    private static let endpoint: [Child] = [
        Child(name: "base_url", node: providerText(
            .endpoint, .url, "The endpoint's OpenAI-compatible base URL, such as "
                + "http://127.0.0.1:8000/v1; its models are called as NAME/model.",
            get: { $0.baseURL.isEmpty ? nil : $0.baseURL }, set: { $0.baseURL = $1 })),
        Child(name: "api_key", node: providerText(
            .endpoint, .secret, "The endpoint's API key, sent as a bearer token.",
            get: { $0.apiKey }, set: { $0.apiKey = $1 })),
        Child(name: "api_key_env", node: providerText(
            .endpoint, .variableName, "The environment variable holding the endpoint's API "
                + "key, read when api_key is not set.",
            get: { $0.apiKeyVariable }, set: { $0.apiKeyVariable = $1 })),
        organization(.endpoint, variables: []),
    ] + limits(.endpoint)

    private static let modelOverride: [Child] = {
        func price(_ name: String, _ help: String,
                   _ field: any WritableKeyPath<ModelOverride, Decimal?> & Sendable) -> Child {
            Child(name: name, node: number(
                .price, help,
                get: { settings, id in
                    modelID(id).flatMap { settings.modelOverrides[$0]?[keyPath: field] }
                },
                set: { settings, id, value in
                    guard let id = modelID(id) else { return }
                    var override = settings.modelOverrides[id] ?? ModelOverride()
                    override[keyPath: field] = value
                    settings.modelOverrides[id] = override
                }))
        }
        return [
            price("input_price", "Dollars per million input tokens.", \.inputPrice),
            price("cached_input_price", "Dollars per million input tokens read from the "
                + "prompt cache.", \.cachedInputPrice),
            price("output_price", "Dollars per million output tokens.", \.outputPrice),
            Child(name: "context_window", node: integer(
                .count("tokens"), "The most tokens of input and output together.",
                get: { settings, id in
                    modelID(id).flatMap { settings.modelOverrides[$0]?.contextWindow }
                },
                set: { settings, id, value in
                    if let id = modelID(id) {
                        settings.modelOverrides[id, default: ModelOverride()].contextWindow = value
                    }
                })),
        ]
    }()

    private static func organization(_ slot: ProviderSlot, variables: [String]) -> Child {
        Child(name: "organization", node: providerText(
            slot, .text, "The OpenAI organization id, sent as OpenAI-Organization.",
            variables: variables, get: { $0.organization }, set: { $0.organization = $1 }))
    }

    /// Timeout, attempts and rate limits, which every provider has.
    private static func limits(_ slot: ProviderSlot) -> [Child] {
        [
            Child(name: "timeout", node: providerNode(
                slot, .seconds, "The longest one request may take, in seconds (default 600).",
                get: { .number(decimal($0.timeout)) },
                set: { settings, value in settings.timeout = double(value) ?? settings.timeout })),
            Child(name: "max_attempts", node: providerNode(
                slot, .count("attempts"), "The most attempts of a failed call, the first "
                    + "included (default 4; 1 means no retry).",
                get: { .integer($0.maximumAttempts) },
                set: { settings, value in
                    settings.maximumAttempts = value.integer ?? settings.maximumAttempts
                })),
            Child(name: "rate_limits", node: .section([
                Child(name: "concurrency", node: providerNode(
                    slot, .count("calls"), "The most calls in flight at once (default 64).",
                    get: { .integer($0.rateLimits.maximumConcurrency) },
                    set: { settings, value in
                        settings.rateLimits.maximumConcurrency =
                            value.integer ?? settings.rateLimits.maximumConcurrency
                    })),
                Child(name: "requests_per_minute", node: providerNode(
                    slot, .count("requests"), "The most calls per minute (default: no limit).",
                    get: { $0.rateLimits.requestsPerMinute.map { .integer($0) } },
                    set: { settings, value in
                        settings.rateLimits.requestsPerMinute = value.integer
                    })),
                Child(name: "tokens_per_minute", node: providerNode(
                    slot, .count("tokens"), "The most tokens per minute, estimated before "
                        + "each call (default: no limit).",
                    get: { $0.rateLimits.tokensPerMinute.map { .integer($0) } },
                    set: { settings, value in
                        settings.rateLimits.tokensPerMinute = value.integer
                    })),
                Child(name: "scope", node: providerNode(
                    slot, .choice(RateLimitScope.allCases.map(\.rawValue)),
                    "Whether the limits hold for all the provider's calls together "
                        + "(provider, the default) or for each model's on its own (model).",
                    get: { .string($0.rateLimits.scope.rawValue) },
                    set: { settings, value in
                        settings.rateLimits.scope = value.string.flatMap {
                            RateLimitScope(rawValue: $0.lowercased())
                        } ?? settings.rateLimits.scope
                    })),
            ])),
        ]
    }

    // MARK: Building leaves

    private static func providerNode(
        _ slot: ProviderSlot, _ kind: ValueKind, _ help: String, variables: [String] = [],
        get: @escaping @Sendable (ProviderSettings) -> ConfigurationValue?,
        set: @escaping @Sendable (inout ProviderSettings, ConfigurationValue) -> Void
    ) -> Node {
        .value(Leaf(
            kind: kind, help: help, variables: variables,
            read: { settings, name in get(slot.get(settings, name)) },
            write: { settings, name, value in
                var provider = slot.get(settings, name)
                set(&provider, value)
                slot.set(&settings, name, provider)
            }))
    }

    private static func providerText(
        _ slot: ProviderSlot, _ kind: ValueKind, _ help: String, variables: [String] = [],
        get: @escaping @Sendable (ProviderSettings) -> String?,
        set: @escaping @Sendable (inout ProviderSettings, String) -> Void
    ) -> Node {
        providerNode(slot, kind, help, variables: variables,
                     get: { get($0).map(ConfigurationValue.string) },
                     set: { provider, value in
                         if let text = value.string { set(&provider, text) }
                     })
    }

    /// A leaf holding one kind of value: `wrap` makes a stored value a configuration value,
    /// `unwrap` reads one back, and a value of another kind is not written.
    private static func leaf<Value>(
        _ kind: ValueKind, _ help: String, variables: [String],
        wrap: @escaping @Sendable (Value) -> ConfigurationValue,
        unwrap: @escaping @Sendable (ConfigurationValue) -> Value?,
        get: @escaping @Sendable (EmberSettings, String?) -> Value?,
        set: @escaping @Sendable (inout EmberSettings, String?, Value) -> Void
    ) -> Node {
        .value(Leaf(kind: kind, help: help, variables: variables,
                    read: { get($0, $1).map(wrap) },
                    write: { settings, name, value in
                        if let typed = unwrap(value) { set(&settings, name, typed) }
                    }))
    }

    private static func text(
        _ kind: ValueKind, _ help: String, variables: [String] = [],
        get: @escaping @Sendable (EmberSettings, String?) -> String?,
        set: @escaping @Sendable (inout EmberSettings, String?, String) -> Void
    ) -> Node {
        leaf(kind, help, variables: variables, wrap: ConfigurationValue.string,
             unwrap: \.string, get: get, set: set)
    }

    private static func integer(
        _ kind: ValueKind, _ help: String, variables: [String] = [],
        get: @escaping @Sendable (EmberSettings, String?) -> Int?,
        set: @escaping @Sendable (inout EmberSettings, String?, Int) -> Void
    ) -> Node {
        leaf(kind, help, variables: variables, wrap: ConfigurationValue.integer,
             unwrap: \.integer, get: get, set: set)
    }

    private static func number(
        _ kind: ValueKind, _ help: String, variables: [String] = [],
        get: @escaping @Sendable (EmberSettings, String?) -> Decimal?,
        set: @escaping @Sendable (inout EmberSettings, String?, Decimal) -> Void
    ) -> Node {
        leaf(kind, help, variables: variables, wrap: ConfigurationValue.number,
             unwrap: \.decimal, get: get, set: set)
    }

    private static func modelID(_ name: String?) -> ModelID? {
        name.flatMap { try? ModelID(parsing: $0) }
    }

    /// A double as the decimal its shortest text reads as (600, 0.5).
    static func decimal(_ value: Double) -> Decimal {
        Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(value)
    }

    private static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }

    private static func double(_ value: ConfigurationValue) -> Double? {
        value.double
    }
}
