import Ember
import Foundation

/// `ember local start|stop|status`: the local llama.cpp server.
enum LocalCommand {
    static let specification = CommandSpecification(
        path: "ember local",
        overview: "Manage the local model server (llama.cpp's llama-server serving "
            + "SmolLM2-135M-Instruct, or the GGUF file you name) on 127.0.0.1.",
        subcommands: [
            ("start", "Start the server and wait until it is healthy."),
            ("stop", "Stop the server that 'ember local start' started."),
            ("status", "Say whether the server is running (exit status 3 if not)."),
        ])

    static let startSpecification = CommandSpecification(
        path: "ember local start",
        overview: "Start the local model server in the background and wait for /health. "
            + "Does nothing if Ember's server is already running.",
        options: [
            OptionSpecification(name: "model", valueName: "PATH",
                                help: "A GGUF file to serve (default: the "
                                    + "providers.local.model_file setting or "
                                    + "$EMBER_LOCAL_MODEL, else the bundled "
                                    + "SmolLM2-135M-Instruct)."),
            OptionSpecification(name: "port", valueName: "N",
                                help: "The port on 127.0.0.1 (default: the "
                                    + "providers.local.port setting or $EMBER_LOCAL_PORT, "
                                    + "else \(EmberSettings.defaultLocalPort))."),
            OptionSpecification(name: "parallel", valueName: "N",
                                help: "Requests served at once (default: 4)."),
            OptionSpecification(name: "context-per-slot", valueName: "N",
                                help: "Context tokens per parallel request (default: 2048)."),
            OptionSpecification(name: "timeout", valueName: "SECONDS",
                                help: "The longest wait for the server to become healthy "
                                    + "(default: 120)."),
        ])

    static let stopSpecification = CommandSpecification(
        path: "ember local stop",
        overview: "Stop the server that 'ember local start' started, and only that process.")

    static let statusSpecification = CommandSpecification(
        path: "ember local status",
        overview: "Say whether the local model server is running and healthy; exit status "
            + "0 if it is, 3 if not.")

    static func run(_ arguments: [String]) async throws -> Int32 {
        guard let subcommand = arguments.first, !subcommand.hasPrefix("-") else {
            let parsed = try ParsedArguments(arguments, specification: specification)
            if parsed.wantsHelp || arguments.isEmpty {
                print(specification.helpText, terminator: "")
                return 0
            }
            throw parsed.fail("Expected a subcommand: start, stop or status.")
        }
        let rest = arguments.dropFirst()
        let settings = try EmberSettings.load()
        let controller = LocalServerController(cacheDirectory: settings.cacheDirectory,
                                               client: HTTPClient())
        switch subcommand {
        case "start":
            return try await start(rest, settings: settings, controller: controller)
        case "stop":
            let parsed = try ParsedArguments(rest, specification: stopSpecification)
            if parsed.wantsHelp { print(stopSpecification.helpText, terminator: ""); return 0 }
            try parsed.requirePositionals(0)
            if let record = await controller.stop() {
                print("Stopped the local model server (pid \(record.processID), "
                    + "port \(record.port)).")
            } else {
                print("The local model server is not running.")
            }
            return 0
        case "status":
            let parsed = try ParsedArguments(rest, specification: statusSpecification)
            if parsed.wantsHelp {
                print(statusSpecification.helpText, terminator: "")
                return 0
            }
            try parsed.requirePositionals(0)
            return await status(controller: controller)
        default:
            throw UsageError(message: "Unknown subcommand '\(subcommand)'; expected start, "
                + "stop or status.", specification: specification)
        }
    }

    /// Where a setting came from, as a message names it: the variable, or the key and file.
    private static func settingSource(_ settings: EmberSettings, _ key: ConfigurationKey)
        -> String
    {
        switch settings.source(of: key) {
        case .environment(let variable): variable
        case .file(let path): "\(key) in \(ConfigurationSource.file(path))"
        case .defaults, .override: "the \(key) setting"
        }
    }

    private static func start(_ arguments: ArraySlice<String>, settings: EmberSettings,
                              controller: LocalServerController) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: startSpecification)
        if parsed.wantsHelp {
            print(startSpecification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        let modelFlag = parsed.value("model")
        let options = LocalServerController.Options(
            modelPath: modelFlag ?? settings.localModelPath,
            modelSource: modelFlag != nil ? "--model"
                : settingSource(settings, "providers.local.model_file"),
            port: try parsed.integer("port", default: settings.localPort, in: 1...65535),
            parallelSlots: try parsed.integer("parallel", default: 4, in: 1...64),
            contextPerSlot: try parsed.integer("context-per-slot", default: 2048,
                                               in: 128...1_048_576),
            startupTimeout: .seconds(try parsed.integer("timeout", default: 120)))
        if let running = controller.currentRecord() {
            // Settings the running server already has are no reason to refuse; the context
            // per slot is not recorded, so asking for one is.
            let differs = options.modelPath.map { $0 != running.model } ?? false
                || parsed.value("port") != nil && options.port != running.port
                || parsed.value("parallel") != nil && options.parallelSlots != running.parallelSlots
                || parsed.value("context-per-slot") != nil
            if differs {
                throw LocalServerAlreadyRunning(record: running)
            }
            print("Already running: \(describe(running))")
            return 0
        }
        printError("Starting the local model server on 127.0.0.1:\(options.port)…")
        let record = try await controller.start(options)
        print("Started \(describe(record))")
        return 0
    }

    private static func describe(_ record: LocalServerRecord) -> String {
        let slots = record.parallelSlots == 1 ? "1 parallel slot"
            : "\(record.parallelSlots) parallel slots"
        return "the local model server (pid \(record.processID)) at \(record.baseURL), "
            + "serving \((record.model as NSString).lastPathComponent) with \(slots). "
            + "Log: \(record.logPath)"
    }

    private static func status(controller: LocalServerController) async -> Int32 {
        switch await controller.status() {
        case .running(let record):
            print("running: pid \(record.processID), \(record.baseURL), model "
                + "\(record.model), \(record.parallelSlots) slots, since "
                + "\(record.startedAt.formatted(.iso8601))")
            return 0
        case .unhealthy(let record, let detail):
            print("unhealthy: pid \(record.processID), \(record.baseURL): \(detail)")
            return 3
        case .stopped:
            print("stopped: no local model server started by Ember is running")
            return 3
        }
    }

    /// Fails early, with the command that fixes it, when a `local/…` model is asked for and
    /// the local server does not answer.
    static func requireRunningServer(for model: ModelID, context: EmberContext) async throws {
        guard model.provider == "local" else { return }
        let base = context.settings.localBaseURL
        let healthURL = (base.hasSuffix("/v1") ? String(base.dropLast(3)) : base) + "/health"
        do {
            let response = try await context.httpClient.send(HTTPRequest(
                url: healthURL, timeouts: HTTPTimeouts(connect: .seconds(2), total: .seconds(5))))
            if response.isSuccess { return }
            throw LocalServerUnavailable(url: healthURL, detail: "HTTP \(response.status)")
        } catch let error as HTTPClientError {
            throw LocalServerUnavailable(url: healthURL, detail: error.detail)
        }
    }
}

/// `ember local start` was given settings while Ember's server already runs.
struct LocalServerAlreadyRunning: Error, CustomStringConvertible {
    var record: LocalServerRecord

    var description: String {
        "The local model server is already running (pid \(record.processID), port "
            + "\(record.port), \(record.parallelSlots) slots, model \(record.model)); stop it "
            + "with 'ember local stop' before starting it with other settings."
    }
}

/// The local model server did not answer its health check.
struct LocalServerUnavailable: Error, CustomStringConvertible {
    var url: String
    var detail: String

    var description: String {
        "The local model server does not answer at \(url) (\(detail)). Start it with "
            + "'ember local start' (install it first with scripts/install-local-model.sh)."
    }
}
