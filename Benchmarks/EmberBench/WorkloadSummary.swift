/// A workload's measured runs, reduced to the median run.
struct WorkloadSummary: Sendable {
    let workload: Workload
    /// The run with the median wall time.
    let median: RunResult
    /// Every run's wall time, in the order run.
    let wallTimes: [Duration]
    /// Failed calls over all runs, the warm-up included.
    let failures: Int
    let firstFailure: String?
    /// The highest peak resident size seen in any run, in bytes.
    let peakResidentBytes: Int?

    /// Summarises the measured runs (at least one) and the warm-up.
    init(workload: Workload, warmUp: RunResult, runs: [RunResult]) {
        precondition(!runs.isEmpty, "A workload needs at least one measured run.")
        self.workload = workload
        median = runs.sorted { $0.wallTime < $1.wallTime }[(runs.count - 1) / 2]
        wallTimes = runs.map(\.wallTime)
        let all = [warmUp] + runs
        failures = all.reduce(0) { $0 + $1.failures }
        firstFailure = all.lazy.compactMap(\.firstFailure).first
        peakResidentBytes = all.compactMap(\.peakResidentBytes).max()
    }

    /// Median wall time over the server's delay: 1.0 when every call runs fully in parallel.
    func latencyRatio(serverDelay: Duration) -> Double {
        median.wallTime / serverDelay
    }

    /// Calls per second in the median run.
    var requestsPerSecond: Double {
        Double(workload.concurrency) / median.wallTime.seconds
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in milliseconds, as a floating-point number.
    var milliseconds: Double { seconds * 1000 }
}
