import BenchmarkSupport
import Foundation
import Synchronization

/// The outcome of one run: `concurrency` calls started together.
struct RunResult: Sendable {
    /// When the run started, by the wall clock, to line it up with the server's trace.
    var startDate: Date
    /// From the first call's start to the last call's end.
    var wallTime: Duration
    /// Each successful call's own duration, sorted.
    var callTimes: [Duration]
    var failures: Int
    /// The first failure's description, to report.
    var firstFailure: String?
    /// The process's peak resident size in bytes when the run ended.
    var peakResidentBytes: Int?
    /// CPU time this process used during the run.
    var processorTime: Duration
    /// CPU time the server used during the run, when its process id is known.
    var serverProcessorTime: Duration?
}

/// Runs a workload's calls all at once in a task group and times them.
struct BatchRunner: Sendable {
    let target: BenchmarkTarget
    /// How long a run may take; past it, the benchmark reports a hang and exits with 1.
    let timeout: Duration
    /// The server's process id, to read its CPU time, or `nil`.
    let serverPID: Int32?

    func run(_ workload: Workload) async -> RunResult {
        PeakMemory.reset()
        let progress = Progress()
        let watchdog = startWatchdog(for: workload, progress: progress)
        defer { watchdog.cancel() }

        let startDate = Date()
        let processorStart = ProcessorTime.ofThisProcess()
        let serverStart = serverPID.flatMap(ProcessorTime.ofProcess)
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = await withTaskGroup(of: Result<Duration, any Error>.self) { group in
            for _ in 0..<workload.concurrency {
                group.addTask { [target] in
                    let callStart = clock.now
                    defer { progress.finished.add(1, ordering: .relaxed) }
                    do {
                        try await target.call(workload.kind)
                        return .success(clock.now - callStart)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var outcomes: [Result<Duration, any Error>] = []
            outcomes.reserveCapacity(workload.concurrency)
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let wallTime = clock.now - start
        let processorTime = ProcessorTime.ofThisProcess() - processorStart
        var serverProcessorTime: Duration?
        if let serverStart, let serverEnd = serverPID.flatMap(ProcessorTime.ofProcess) {
            serverProcessorTime = serverEnd - serverStart
        }

        var callTimes: [Duration] = []
        var failures: [any Error] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let time): callTimes.append(time)
            case .failure(let error): failures.append(error)
            }
        }
        return RunResult(
            startDate: startDate, wallTime: wallTime, callTimes: callTimes.sorted(),
            failures: failures.count,
            firstFailure: failures.first.map { String(describing: $0) },
            peakResidentBytes: PeakMemory.current(), processorTime: processorTime,
            serverProcessorTime: serverProcessorTime)
    }

    /// Exits the process, saying how far the run got, if it outlasts ``timeout``: a hang
    /// would otherwise keep the task group waiting for ever.
    private func startWatchdog(for workload: Workload, progress: Progress) -> Task<Void, Never> {
        let timeout = self.timeout
        return Task.detached {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            let finished = progress.finished.load(ordering: .relaxed)
            let message = "Error: the run '\(workload.name)' did not finish within \(timeout): "
                + "\(finished) of \(workload.concurrency) calls returned.\n"
            FileHandle.standardError.write(Data(message.utf8))
            exit(1)
        }
    }
}

/// How many calls of a run have returned, readable while it runs.
private final class Progress: Sendable {
    let finished = Atomic<Int>(0)
}
