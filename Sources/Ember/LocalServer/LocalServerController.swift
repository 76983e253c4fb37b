import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `ember local start` records about the server it launched, so that `stop` and
/// `status` find exactly that process.
public struct LocalServerRecord: Sendable, Hashable, Codable {
    /// The server's process id.
    public var processID: Int32
    /// The executable launched.
    public var executable: String
    /// The model file served.
    public var model: String
    /// The port on 127.0.0.1.
    public var port: Int
    /// The parallel slots (requests served at once).
    public var parallelSlots: Int
    /// The server's log file.
    public var logPath: String
    /// When the server was launched.
    public var startedAt: Date

    /// The OpenAI-compatible base URL.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }
}

/// Starts, stops and reports on the local llama.cpp server.
///
/// The server runs in a session of its own, so it outlives the command that started it and
/// a Ctrl-C in that terminal does not reach it. Its record lives in the cache directory as
/// `local-server.json`.
public struct LocalServerController: Sendable {
    /// Ember's cache directory, where the installation manifest, record and log live.
    public var cacheDirectory: String
    private let client: HTTPClient

    /// How the server is to be launched.
    public struct Options: Sendable {
        /// A GGUF file to serve instead of the bundled model.
        public var modelPath: String?
        /// Where ``modelPath`` came from (`--model`, `EMBER_LOCAL_MODEL`), for error messages.
        public var modelSource: String
        /// The port on 127.0.0.1.
        public var port: Int
        /// Requests served at once.
        public var parallelSlots: Int
        /// Context tokens per slot.
        public var contextPerSlot: Int
        /// The longest wait for `/health`.
        public var startupTimeout: Duration

        /// Creates launch options.
        public init(modelPath: String? = nil, modelSource: String = "the options",
                    port: Int = EmberSettings.defaultLocalPort,
                    parallelSlots: Int = 4, contextPerSlot: Int = 2048,
                    startupTimeout: Duration = .seconds(120)) {
            self.modelPath = modelPath
            self.modelSource = modelSource
            self.port = port
            self.parallelSlots = parallelSlots
            self.contextPerSlot = contextPerSlot
            self.startupTimeout = startupTimeout
        }
    }

    /// The state of the local server.
    public enum Status: Sendable {
        /// Ember's server is running and answers `/health`.
        case running(LocalServerRecord)
        /// Ember's server process is alive but `/health` does not answer yes.
        case unhealthy(LocalServerRecord, detail: String)
        /// No server started by Ember is running.
        case stopped
    }

    /// Creates a controller.
    public init(cacheDirectory: String, client: HTTPClient) {
        self.cacheDirectory = cacheDirectory
        self.client = client
    }

    private var recordPath: String {
        (cacheDirectory as NSString).appendingPathComponent("local-server.json")
    }

    /// The record of the running server, or `nil` when Ember's server is not running.
    ///
    /// A record whose process has gone, or whose process id now belongs to another program,
    /// is removed.
    public func currentRecord() -> LocalServerRecord? {
        guard let data = FileManager.default.contents(atPath: recordPath) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let record = try? decoder.decode(LocalServerRecord.self, from: data) else {
            try? FileManager.default.removeItem(atPath: recordPath)
            return nil
        }
        guard Self.isProcess(record.processID, running: record.executable,
                             port: record.port) else {
            try? FileManager.default.removeItem(atPath: recordPath)
            return nil
        }
        return record
    }

    /// Reports whether the server is running and healthy.
    public func status() async -> Status {
        guard let record = currentRecord() else { return .stopped }
        do {
            try await checkHealth(port: record.port)
            return .running(record)
        } catch {
            return .unhealthy(record, detail: String(describing: error))
        }
    }

    /// Launches the server and waits until it answers `/health`.
    ///
    /// Call ``currentRecord()`` first: this launches a second server if Ember's is running.
    ///
    /// - Returns: The record of the running server.
    /// - Throws: ``LocalServerError`` when the local model is not installed, the model file
    ///   is missing, the port is taken, or the server exits or stays unhealthy while starting
    ///   (the error quotes the end of its log).
    public func start(_ options: Options) async throws -> LocalServerRecord {
        let installation = try LocalModelInstallation.read(fromCacheDirectory: cacheDirectory)
        let model = options.modelPath ?? installation.model
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: model, isDirectory: &isDirectory),
              !isDirectory.boolValue
        else {
            throw LocalServerError.missingModel(
                model, source: options.modelPath == nil ? "the installation" : options.modelSource)
        }
        if Self.isListening(port: options.port) {
            throw LocalServerError.portInUse(options.port)
        }
        let logPath = (cacheDirectory as NSString).appendingPathComponent("local-server.log")
        let arguments = [
            installation.server,
            "--model", model,
            "--host", "127.0.0.1",
            "--port", String(options.port),
            "--parallel", String(options.parallelSlots),
            "--ctx-size", String(options.parallelSlots * options.contextPerSlot),
        ]
        let processID = try Self.spawn(arguments, libraryPath: installation.libraryPath,
                                       logPath: logPath)
        let record = LocalServerRecord(
            processID: processID, executable: installation.server, model: model,
            port: options.port, parallelSlots: options.parallelSlots, logPath: logPath,
            startedAt: Date())
        try save(record)
        do {
            try await waitUntilHealthy(record, timeout: options.startupTimeout)
        } catch {
            kill(processID, SIGKILL)
            try? FileManager.default.removeItem(atPath: recordPath)
            throw error
        }
        return record
    }

    /// Stops the server Ember started: `SIGTERM`, then `SIGKILL` after `gracePeriod`.
    ///
    /// - Returns: The record of the stopped server, or `nil` if none was running.
    public func stop(gracePeriod: Duration = .seconds(10)) async -> LocalServerRecord? {
        guard let record = currentRecord() else { return nil }
        kill(record.processID, SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now + gracePeriod
        while Self.isAlive(record.processID), clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        if Self.isAlive(record.processID) { kill(record.processID, SIGKILL) }
        try? FileManager.default.removeItem(atPath: recordPath)
        return record
    }

    private func save(_ record: LocalServerRecord) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(record).write(to: URL(fileURLWithPath: recordPath), options: .atomic)
    }

    private func checkHealth(port: Int) async throws {
        let response = try await client.send(HTTPRequest(
            url: "http://127.0.0.1:\(port)/health",
            timeouts: HTTPTimeouts(connect: .seconds(2), total: .seconds(5))))
        guard response.isSuccess else {
            throw LocalServerError.notHealthy(
                url: "http://127.0.0.1:\(port)/health",
                detail: "HTTP \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    private func waitUntilHealthy(_ record: LocalServerRecord, timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var lastError: any Error = LocalServerError.notHealthy(
            url: record.baseURL, detail: "no answer yet")
        while clock.now < deadline {
            guard Self.isAlive(record.processID) else {
                throw LocalServerError.exitedDuringStartup(
                    log: record.logPath, lastLines: Self.tail(of: record.logPath, lines: 15))
            }
            do {
                try await checkHealth(port: record.port)
                return
            } catch {
                lastError = error
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw LocalServerError.notHealthy(
            url: record.baseURL,
            detail: "no healthy answer within \(timeout) (last: \(lastError))")
    }
}
