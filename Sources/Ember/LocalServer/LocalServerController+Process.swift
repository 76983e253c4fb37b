import Foundation

#if canImport(Glibc)
import Glibc
/// glibc's `POSIX_SPAWN_SETSID`, which Swift does not import (it is behind `__USE_GNU`).
private let spawnSessionFlag: Int32 = 0x80
#elseif canImport(Darwin)
import Darwin
private let spawnSessionFlag = Int32(POSIX_SPAWN_SETSID)
#endif

extension LocalServerController {
    /// Launches `arguments[0]` in a new session with its output appended to `logPath`.
    static func spawn(_ arguments: [String], libraryPath: String, logPath: String) throws
        -> Int32
    {
        var environment = ProcessInfo.processInfo.environment
        #if canImport(Darwin)
        let libraryVariable = "DYLD_LIBRARY_PATH"
        #else
        let libraryVariable = "LD_LIBRARY_PATH"
        #endif
        environment[libraryVariable] = [libraryPath, environment[libraryVariable]]
            .compactMap { $0 }.joined(separator: ":")

        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, logPath,
                                         O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&fileActions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(spawnSessionFlag))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var processID: pid_t = 0
        let result = posix_spawn(&processID, arguments[0], &fileActions, &attributes,
                                 argv, envp)
        guard result == 0 else {
            throw LocalServerError.launchFailed(arguments[0],
                                                detail: String(cString: strerror(result)))
        }
        return processID
    }

    /// Whether a process with this id exists; a zombie (exited, not yet reaped) counts as
    /// gone.
    static func isAlive(_ processID: Int32) -> Bool {
        var status: Int32 = 0
        if waitpid(processID, &status, WNOHANG) == processID { return false }
        guard kill(processID, 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
        // /proc/PID/stat reads "PID (name) STATE …"; the name may hold spaces or parentheses.
        if let stat = FileManager.default.contents(atPath: "/proc/\(processID)/stat"),
           let text = String(data: stat, encoding: .utf8),
           let close = text.lastIndex(of: ")") {
            let state = text[text.index(after: close)...].drop { $0 == " " }.first
            return state != "Z" && state != "X"
        }
        #endif
        return true
    }

    /// Whether `processID` is alive and is the server launched for `executable` on `port`,
    /// not some later process that reused the id.
    static func isProcess(_ processID: Int32, running executable: String, port: Int) -> Bool {
        guard isAlive(processID) else { return false }
        guard let commandLine = commandLine(of: processID) else { return false }
        return commandLine.first == executable
            && zip(commandLine, commandLine.dropFirst()).contains {
                $0 == "--port" && $1 == String(port)
            }
    }

    private static func commandLine(of processID: Int32) -> [String]? {
        #if os(Linux)
        guard let data = FileManager.default.contents(atPath: "/proc/\(processID)/cmdline")
        else { return nil }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        #else
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/ps")
        process.arguments = ["-o", "command=", "-p", String(processID)]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(),
                            as: UTF8.self)
        return output.split(separator: " ").map(String.init)
        #endif
    }

    /// Whether something accepts TCP connections on 127.0.0.1 at `port`.
    static func isListening(port: Int) -> Bool {
        #if canImport(Glibc)
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socketFD = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    /// The last `lines` lines of a text file, or a note that it could not be read.
    static func tail(of path: String, lines: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            return "(no log at \(path))"
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .suffix(lines).joined(separator: "\n")
    }
}
