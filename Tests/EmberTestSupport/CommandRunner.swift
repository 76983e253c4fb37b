import Foundation
import Synchronization

/// The outcome of running a command to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs the built `ember` executable, as a user would, and collects what it printed.
public enum CommandRunner {
    /// Runs `ember` with arguments and extra environment variables.
    ///
    /// The child inherits the test process's environment, less the variables that would
    /// point it at a user's own configuration or credentials, plus `environment`. Its usage
    /// ledger, response cache and user configuration file are fresh temporary paths unless
    /// `environment` names others (`EMBER_DB`, `EMBER_CACHE_PATH`, `EMBER_CONFIG`).
    public static func ember(_ arguments: [String],
                             environment: [String: String] = [:]) async throws -> CommandResult {
        await try launch(arguments, environment: environment).result()
    }

    /// Starts `ember` as ``ember(_:environment:)`` does and returns at once, so that a test
    /// can signal it while it runs.
    public static func launch(_ arguments: [String],
                              environment: [String: String] = [:]) throws -> RunningCommand {
        var variables = ProcessInfo.processInfo.environment
        for name in ["EMBER_DATA_DIR", "EMBER_LOCAL_MODEL", "EMBER_MODEL", "EMBER_CACHE",
                     "EMBER_CACHE_TTL", "EMBER_LOG_LEVEL", "EMBER_BUDGET", "EMBER_BUDGET_TOKENS",
                     "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "ANTHROPIC_API_KEY",
                     "ANTHROPIC_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GEMINI_BASE_URL"] {
            variables[name] = nil
        }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-test-\(UUID().uuidString)").path
        variables["EMBER_DB"] = scratch + ".db"
        variables["EMBER_CACHE_PATH"] = scratch + "-cache.db"
        // No user file: a developer's own ~/.ember/config.json must not change what is tested.
        variables["EMBER_CONFIG"] = scratch + "-config.json"
        variables.merge(environment) { $1 }
        return try start(TestEnvironment.emberBinary, arguments, environment: variables)
    }

    /// Runs any executable to completion with exactly `environment`, in `directory` when
    /// given, and collects what it printed.
    public static func run(_ executable: String, _ arguments: [String],
                           environment: [String: String],
                           directory: String? = nil) async throws -> CommandResult {
        await try start(executable, arguments, environment: environment, directory: directory)
            .result()
    }

    private static func start(_ executable: String, _ arguments: [String],
                              environment: [String: String],
                              directory: String? = nil) throws -> RunningCommand {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return RunningCommand(process: process, output: output, error: error)
    }
}

/// A running `ember` process.
public final class RunningCommand: @unchecked Sendable {
    // Only `processIdentifier` and the pipes' read ends are used after launch, from the
    // threads ``result()`` starts; Process itself is thread-safe for these.
    private let process: Process
    private let output: Pipe
    private let error: Pipe

    init(process: Process, output: Pipe, error: Pipe) {
        self.process = process
        self.output = output
        self.error = error
    }

    /// The child's process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Sends `signal` (such as `SIGKILL`) to the child.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the child to exit and collects what it printed.
    public func result() async -> CommandResult {
        let process = self.process
        let output = self.output
        let error = self.error
        // Reading the pipes and waiting for the exit block, so they run on threads of their
        // own: blocking the cooperative pool would stall every other test running at once.
        return await withCheckedContinuation { continuation in
            let errorData = Mutex(Data())
            let errorRead = DispatchGroup()
            errorRead.enter()
            Thread {
                errorData.withLock { $0 = error.fileHandleForReading.readDataToEndOfFile() }
                errorRead.leave()
            }.start()
            Thread {
                let out = output.fileHandleForReading.readDataToEndOfFile()
                errorRead.wait()
                continuation.resume(returning: CommandResult(
                    status: Self.waitForExit(of: process),
                    standardOutput: String(decoding: out, as: UTF8.self),
                    standardError: String(decoding: errorData.withLock { $0 }, as: UTF8.self)))
            }.start()
        }
    }

    /// Blocks the calling thread until the child has exited and returns its exit status, or
    /// the signal that ended it, as `Process.terminationStatus` would.
    ///
    /// `Process.waitUntilExit` on Linux spins its run loop until Foundation has reaped the
    /// child; once a child was seen left a zombie, unreaped, with a test thread spinning a
    /// core at 100 % for twenty minutes and the local model the other tests were waiting on
    /// starved. `waitid` with `WNOWAIT` sleeps in the kernel instead, and leaves the child
    /// for Foundation to reap.
    private static func waitForExit(of process: Process) -> Int32 {
        var info = siginfo_t()
        while waitid(P_PID, id_t(process.processIdentifier), &info, WEXITED | WNOWAIT) != 0 {
            // Interrupted by a signal: wait again. Any other failure means the child was
            // already reaped, so Foundation has its status.
            guard errno == EINTR else {
                process.waitUntilExit()
                return process.terminationStatus
            }
        }
        #if canImport(Glibc)
        return info._sifields._sigchld.si_status
        #else
        return info.si_status
        #endif
    }
}
