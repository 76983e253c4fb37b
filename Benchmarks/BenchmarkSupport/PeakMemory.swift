import Foundation

/// The process's peak resident set size (its high-water mark).
public enum PeakMemory {
    /// Whether ``reset()`` works here, so each reading covers only the time since the last
    /// reset; otherwise every reading is the peak since the process started.
    public static let isResettable: Bool = {
        #if os(Linux)
        return writeClearRefs()
        #else
        return false
        #endif
    }()

    /// Lowers the high-water mark to the current resident size, where the system allows it
    /// (Linux: writing `5` to `/proc/self/clear_refs`).
    public static func reset() {
        #if os(Linux)
        if isResettable { _ = writeClearRefs() }
        #endif
    }

    /// The peak resident size in bytes, or `nil` if the system does not say.
    ///
    /// Linux: `VmHWM` from `/proc/self/status`. Elsewhere: `getrusage`'s `ru_maxrss`.
    public static func current() -> Int? {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
        #else
        var usage = rusage()
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss)  // bytes on Darwin
        #endif
    }

    #if os(Linux)
    private static func writeClearRefs() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else {
            return false
        }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }
    #endif
}
