import Foundation
import Synchronization

/// Runs an untrusted Python program in a separate process under resource limits, for
/// scoring generated code.
///
/// Each run:
/// - gets a fresh temporary directory as its working directory (and `HOME` and `TMPDIR`),
///   removed afterwards with everything the program wrote there;
/// - gets a minimal environment (`PATH=/usr/bin:/bin`, `LANG=C.UTF-8`, no variables of the
///   caller's) and runs the interpreter in isolated mode (`-I`: no user site-packages, no
///   `PYTHON*` variables), with standard input empty;
/// - is limited, by a small launcher that calls `setrlimit` before it `exec`s the program,
///   in CPU time (`RLIMIT_CPU`), address space (`RLIMIT_AS`: large allocations fail with
///   `MemoryError`), the size of any file it writes (`RLIMIT_FSIZE`, which also bounds
///   its captured output), and core dumps (none);
/// - is killed, with its whole process group, when the wall-clock limit runs out or the
///   calling task is cancelled, and its group is killed again when it exits;
/// - where the machine allows it (Linux with `unshare` and the right to create namespaces:
///   as root, or unprivileged user namespaces), runs in a new network namespace with no
///   interfaces up, so it cannot reach the network or even the host's loopback services,
///   and in a new PID namespace, so every process it starts dies with it. Where it does
///   not, the program runs with the network of the caller, and ``Run/isNetworkIsolated``
///   says so.
///
/// What it does **not** protect against: the program runs as the calling user and can read
/// every file that user can read (source code, keys, credentials) and write outside its
/// directory wherever that user can; resource limits are a guard against accidents such as
/// infinite loops and runaway allocation, not a security boundary (`RLIMIT_AS` is not
/// enforced on macOS, and limits are per process, so many processes add up); without the
/// namespaces there is no network isolation, and a process that leaves its group
/// (`setsid`) can outlive the run. Run code you do not trust in a container or a virtual
/// machine as well.
public struct PythonSandbox: Sendable {
    /// What a run may use.
    public struct Limits: Sendable, Hashable {
        /// Wall-clock time before the run is killed.
        public var timeLimit: Duration
        /// CPU time, in seconds, before the kernel stops the process.
        public var cpuSeconds: Int
        /// Address space, in bytes.
        public var memoryBytes: Int
        /// The largest file the program may write, in bytes.
        public var fileSizeBytes: Int

        /// Creates limits; the CPU limit defaults to the wall-clock limit, rounded up.
        public init(timeLimit: Duration = .seconds(10), cpuSeconds: Int? = nil,
                    memoryBytes: Int = 1 << 30, fileSizeBytes: Int = 16 << 20) {
            self.timeLimit = timeLimit
            let wholeSeconds = Int(timeLimit.components.seconds)
                + (timeLimit.components.attoseconds > 0 ? 1 : 0)
            self.cpuSeconds = max(1, cpuSeconds ?? wholeSeconds)
            self.memoryBytes = memoryBytes
            self.fileSizeBytes = fileSizeBytes
        }
    }

    /// How a run ended and what it printed.
    public struct Run: Sendable, Hashable {
        /// The exit status, or `nil` when a signal ended the program.
        public var exitStatus: Int32?
        /// The signal that ended the program (`SIGKILL`, `SIGXCPU`), or `nil`.
        public var signal: Int32?
        /// Whether the wall-clock limit ran out.
        public var didTimeOut: Bool
        /// The end of standard output (at most 16 KiB), as UTF-8 with replacements.
        public var standardOutput: String
        /// The end of standard error (at most 16 KiB), as UTF-8 with replacements.
        public var standardError: String
        /// From launch to exit.
        public var duration: Duration
        /// Whether the program ran in a network namespace of its own.
        public var isNetworkIsolated: Bool

        /// Whether the program exited with status 0 in time.
        public var hasSucceeded: Bool { exitStatus == 0 && !didTimeOut }
    }

    /// The Python interpreter: a path, or a command name found on the caller's `PATH` once.
    public var python: String
    /// What each run may use.
    public var limits: Limits
    /// Whether to run in new network and PID namespaces where the machine allows it.
    public var isolatesNetwork: Bool

    /// Creates a sandbox.
    public init(python: String = "python3", limits: Limits = Limits(),
                isolatesNetwork: Bool = true) {
        self.python = python
        self.limits = limits
        self.isolatesNetwork = isolatesNetwork
    }

    /// Runs `program` as a Python file and waits for it to end, suspending, not blocking.
    ///
    /// Cancelling the calling task kills the program; the run then returns what it had.
    ///
    /// - Throws: ``PythonSandboxError`` when the interpreter cannot be found or started or
    ///   the temporary directory cannot be made; a program that fails is a ``Run``.
    public func run(_ program: String) async throws(PythonSandboxError) -> Run {
        let interpreter = try await Self.resolve(python)
        let isolation = isolatesNetwork ? await Self.isolation() : .none
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory
            .appendingPathComponent("ember-sandbox-\(UUID().uuidString)", isDirectory: true)
        let work = root.appendingPathComponent("work", isDirectory: true)
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("stdout")
        let errors = root.appendingPathComponent("stderr")
        let signalReport = root.appendingPathComponent("signal")
        do {
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
            try Data(program.utf8).write(to: work.appendingPathComponent("program.py"))
            try Data().write(to: output)
            try Data().write(to: errors)
        } catch {
            throw .unusableDirectory(root.path, reason: error.localizedDescription)
        }

        let process = Process()
        let launch = [interpreter, "-I", "-c", Self.launcher, String(limits.cpuSeconds),
                      String(limits.memoryBytes), String(limits.fileSizeBytes), "program.py",
                      signalReport.path]
        process.executableURL = URL(fileURLWithPath: isolation.unshare ?? interpreter)
        process.arguments = isolation.unshare == nil ? Array(launch.dropFirst())
                                                     : isolation.arguments + launch
        process.currentDirectoryURL = work
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": work.path,
                               "TMPDIR": work.path, "PYTHONDONTWRITEBYTECODE": "1"]
        process.standardInput = FileHandle.nullDevice
        let outputHandle = try? FileHandle(forWritingTo: output)
        let errorHandle = try? FileHandle(forWritingTo: errors)
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        defer {
            try? outputHandle?.close()
            try? errorHandle?.close()
        }

        let exit: ChildProcessExit
        do {
            exit = try await runToEnd(process, timeLimit: limits.timeLimit)
        } catch {
            throw .launchFailed(interpreter, reason: error.localizedDescription)
        }
        let reported = (try? String(contentsOf: signalReport, encoding: .utf8))
            .flatMap { Int32($0) }
        let signal = exit.wasSignalled ? exit.status : reported
        return Run(exitStatus: signal == nil ? exit.status : nil, signal: signal,
                   didTimeOut: exit.didTimeOut,
                   standardOutput: Self.tail(of: output), standardError: Self.tail(of: errors),
                   duration: exit.duration, isNetworkIsolated: isolation.isNetworkIsolated)
    }

    /// The last 16 KiB of the file at `url`, decoded as UTF-8 with replacements.
    private static func tail(of url: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 16_384 ? size - 16_384 : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Sets the limits, leads its own process group, and becomes the program.
    ///
    /// In a PID namespace the launcher is process 1, which the kernel shields from signals
    /// such as `SIGXCPU`; there it stays in the group of `unshare`, which the caller kills,
    /// runs the program as its child, and writes the signal that ended the child, if any,
    /// to the file named by its fifth argument. When process 1 ends, every other process
    /// in the namespace dies with it.
    private static let launcher = """
        import os, resource, sys
        cpu, memory, file_size = (int(value) for value in sys.argv[1:4])
        def cap(kind, soft, hard):
            current = resource.getrlimit(kind)[1]
            if current != resource.RLIM_INFINITY:
                soft, hard = min(soft, current), min(hard, current)
            resource.setrlimit(kind, (soft, hard))
        cap(resource.RLIMIT_CPU, cpu, cpu + 1)
        cap(resource.RLIMIT_AS, memory, memory)
        cap(resource.RLIMIT_FSIZE, file_size, file_size)
        cap(resource.RLIMIT_CORE, 0, 0)
        command = [sys.executable, "-I", "-B", sys.argv[4]]
        if os.getpid() != 1:
            try:
                os.setpgid(0, 0)
            except OSError:
                pass
            os.execv(sys.executable, command)
        child = os.fork()
        if child == 0:
            os.execv(sys.executable, command)
        _, status = os.waitpid(child, 0)
        if os.WIFSIGNALED(status):
            with open(sys.argv[5], "w") as report:
                report.write(str(os.WTERMSIG(status)))
            os._exit(128 + os.WTERMSIG(status))
        os._exit(os.WEXITSTATUS(status))
        """
}

// MARK: - What the machine allows

extension PythonSandbox {
    /// How runs are isolated on this machine.
    public struct Isolation: Sendable, Hashable {
        /// The `unshare` executable, or `nil` when runs are not put in namespaces.
        var unshare: String?
        /// The options given to `unshare`.
        var arguments: [String]
        /// Whether runs get a network namespace of their own.
        public var isNetworkIsolated: Bool { unshare != nil }

        static let none = Isolation(unshare: nil, arguments: [])
    }

    private static let detectedIsolation = Mutex<Isolation?>(nil)
    private static let resolvedInterpreters = Mutex<[String: String]>([:])

    /// The isolation this machine allows, found once per process by trying `unshare` with
    /// new network and PID namespaces, as the user and then in a user namespace (`-r`).
    public static func isolation() async -> Isolation {
        if let known = detectedIsolation.withLock({ $0 }) { return known }
        var found = Isolation.none
        let candidates = ["/usr/bin/unshare", "/bin/unshare"]
        if let unshare = candidates.first(where: FileManager.default.isExecutableFile) {
            let pid = ["--net", "--pid", "--fork", "--kill-child"]
            for arguments in [pid, ["--net"], ["--map-root-user"] + pid,
                              ["--map-root-user", "--net"]]
            where await succeeds(unshare, arguments + ["true"]) {
                found = Isolation(unshare: unshare, arguments: arguments)
                break
            }
        }
        detectedIsolation.withLock { $0 = found }
        return found
    }

    /// The path of the interpreter `python` names, asking it for `sys.executable` once.
    private static func resolve(_ python: String) async throws(PythonSandboxError) -> String {
        if python.contains("/") { return python }
        if let known = resolvedInterpreters.withLock({ $0[python] }) { return known }
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", "import sys; print(sys.executable)"]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard let exit = try? await runToEnd(process, timeLimit: .seconds(20)),
              exit.status == 0, !exit.wasSignalled,
              let data = try? pipe.fileHandleForReading.readToEnd(),
              case let path = String(decoding: data, as: UTF8.self).trimmingWhitespace(),
              path.hasPrefix("/") else {
            throw .interpreterNotFound(python)
        }
        resolvedInterpreters.withLock { $0[python] = path }
        return path
    }

    private static func succeeds(_ executable: String, _ arguments: [String]) async -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard let exit = try? await runToEnd(process, timeLimit: .seconds(5)) else {
            return false
        }
        return exit.status == 0 && !exit.wasSignalled && !exit.didTimeOut
    }
}
