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
        try await launch(arguments, environment: environment).result()
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
    /// given, with `input` as its standard input (else nothing), and collects what it
    /// printed.
    public static func run(_ executable: String, _ arguments: [String],
                           environment: [String: String], directory: String? = nil,
                           input: String? = nil) async throws -> CommandResult {
        try await start(executable, arguments, environment: environment, directory: directory,
                        input: input)
            .result()
    }

    private static func start(_ executable: String, _ arguments: [String],
                              environment: [String: String], directory: String? = nil,
                              input: String? = nil) throws -> RunningCommand {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = try ChildPipe()
        let error = try ChildPipe()
        process.standardOutput = output.writing
        process.standardError = error.writing
        process.standardInput = try input.map(ChildPipe.holding) ?? FileHandle.nullDevice
        try ChildPipe.spawn(process, closing: [output.writing, error.writing])
        return RunningCommand(process: process, output: output.reading, error: error.reading)
    }
}

/// A pipe to or from one child process, and no other.
///
/// Foundation's `Process` on Linux has the child close every descriptor it found open just
/// before it spawned. A pipe that another thread opened in that moment is inherited, and a
/// long-lived child then holds the write end of a pipe whose reader is waiting for its end:
/// in CI, a command that ran in a few milliseconds was not heard to finish until an
/// unrelated 65-second `ember run`, started at the same moment, exited.
///
/// Both ends here are closed on exec, so only the child that takes one as a standard stream
/// keeps it (`dup2` gives that copy without the flag). The flag is set just after the pipe
/// is made, under the lock ``spawn(_:)`` holds, so no child this module starts can be
/// forked in between.
public struct ChildPipe {
    public let reading: FileHandle
    public let writing: FileHandle

    private static let spawning = Mutex(())

    public init() throws {
        var descriptors: [Int32] = [-1, -1]
        // `pipe2(O_CLOEXEC)` would do this in one step, but Glibc's module does not export
        // it.
        let status = Self.spawning.withLock { _ in
            guard pipe(&descriptors) == 0 else { return errno }
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
            return 0
        }
        guard status == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO)
        }
        reading = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true)
        writing = FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true)
    }

    /// Starts `process`, whose standard streams may be ends of child pipes, and closes
    /// `closing` (the ends the child now has copies of) in this process.
    public static func spawn(_ process: Process, closing: [FileHandle]) throws {
        try spawning.withLock { _ in try process.run() }
        for handle in closing {
            try handle.close()
        }
    }

    /// The read end of a pipe that already holds `text` and is closed for writing.
    ///
    /// Written before the child starts, so a child that exits without reading cannot raise
    /// SIGPIPE in the test process. `text` must fit in the pipe's buffer (64 KiB on Linux).
    public static func holding(_ text: String) throws -> FileHandle {
        let pipe = try ChildPipe()
        precondition(text.utf8.count < 1 << 16, "standard input too long for a pipe's buffer")
        pipe.writing.write(Data(text.utf8))
        try pipe.writing.close()
        return pipe.reading
    }
}

/// A running `ember` process.
public final class RunningCommand: @unchecked Sendable {
    // Only `processIdentifier` and the pipes' read ends are used after launch, from the
    // threads ``result()`` starts; Process itself is thread-safe for these.
    private let process: Process
    private let output: FileHandle
    private let error: FileHandle

    init(process: Process, output: FileHandle, error: FileHandle) {
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
                errorData.withLock { $0 = error.readDataToEndOfFile() }
                errorRead.leave()
            }.start()
            Thread {
                let out = output.readDataToEndOfFile()
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
