import Foundation

/// CPU time used by a process, user and system together: unlike wall time, it barely
/// changes when other programs load a shared machine.
enum ProcessorTime {
    /// This process's CPU time so far, from `getrusage`.
    static func ofThisProcess() -> Duration {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return .zero }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    /// Another process's CPU time so far, from `/proc/<pid>/stat` (Linux only), or `nil` if
    /// it cannot be read.
    static func ofProcess(_ pid: Int32) -> Duration? {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let nameEnd = stat.lastIndex(of: ")")
        else { return nil }
        // After the name: state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12])
        else { return nil }
        let ticksPerSecond = sysconf(Int32(_SC_CLK_TCK))
        guard ticksPerSecond > 0 else { return nil }
        return .milliseconds((user + system) * 1000 / ticksPerSecond)
        #else
        return nil
        #endif
    }

    private static func duration(_ time: timeval) -> Duration {
        .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
    }
}
