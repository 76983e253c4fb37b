import Foundation
import Synchronization

/// Where a latency-hiding run's time above the wait goes: how long after the run began the
/// last wait started (the launch), and how long after the last wait ended the run returned
/// (the drain).
final class WaitProbe: Sendable {
    private struct Marks {
        var lastStart: ContinuousClock.Instant?
        var lastEnd: ContinuousClock.Instant?
    }

    private let marks = Mutex(Marks())

    /// Runs `wait`, noting when it started and ended.
    func around(_ wait: @Sendable () async throws -> Void) async rethrows {
        let start = ContinuousClock.now
        marks.withLock { $0.lastStart = max($0.lastStart ?? start, start) }
        try await wait()
        let end = ContinuousClock.now
        marks.withLock { $0.lastEnd = max($0.lastEnd ?? end, end) }
    }

    /// Times `run` and splits its wall into launch and drain, in milliseconds; `cpu` is the
    /// process's user and system time over the run, in milliseconds.
    func measure(_ run: () async throws -> Void) async rethrows
        -> (wall: Duration, launch: Double, drain: Double, cpu: Double) {
        marks.withLock { $0 = Marks() }
        let cpuStart = Self.processorTime()
        let start = ContinuousClock.now
        try await run()
        let end = ContinuousClock.now
        let cpu = Self.processorTime() - cpuStart
        let (lastStart, lastEnd) = marks.withLock { ($0.lastStart ?? start, $0.lastEnd ?? end) }
        let milliseconds = { (duration: Duration) in duration / .milliseconds(1) }
        return (end - start, milliseconds(lastStart - start), milliseconds(end - lastEnd), cpu)
    }

    /// The user and system time the process has used so far, in milliseconds.
    private static func processorTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let total = { (time: timeval) in Double(time.tv_sec) * 1e3 + Double(time.tv_usec) / 1e3 }
        return total(usage.ru_utime) + total(usage.ru_stime)
    }
}
