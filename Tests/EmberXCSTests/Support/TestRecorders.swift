import EmberXCS
import Synchronization

/// An append-only log of what the nodes of a test did, in the order they did it.
final class EventLog: Sendable {
    private let entries = Mutex<[String]>([])

    func append(_ entry: String) {
        entries.withLock { $0.append(entry) }
    }

    var all: [String] {
        entries.withLock { $0 }
    }

    /// The position of the first entry equal to `entry`, or `nil`.
    func position(of entry: String) -> Int? {
        all.firstIndex(of: entry)
    }
}

/// Counts the nodes running at once and remembers the most seen.
final class ConcurrencyGauge: Sendable {
    private let counts = Mutex<(current: Int, peak: Int)>((0, 0))

    func enter() {
        counts.withLock { counts in
            counts.current += 1
            counts.peak = max(counts.peak, counts.current)
        }
    }

    func leave() {
        counts.withLock { $0.current -= 1 }
    }

    var peak: Int {
        counts.withLock { $0.peak }
    }
}

/// Holds every waiting task until `count` tasks have arrived; later waits pass at once.
///
/// Proves that `count` tasks ran at the same time without measuring any time.
final class Barrier: Sendable {
    private struct State {
        var arrived = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let count: Int
    private let state = Mutex(State())

    init(count: Int) {
        self.count = count
    }

    /// Counts one arrival, releasing the waiting tasks if it is the last one needed.
    func arrive() {
        let released: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.arrived += 1
            guard state.arrived >= count else { return [] }
            defer { state.waiting = [] }
            return state.waiting
        }
        for waiting in released { waiting.resume() }
    }

    /// Suspends until `count` arrivals have been counted.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                guard state.arrived < count else { return true }
                state.waiting.append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }

    func arriveAndWait() async {
        arrive()
        await wait()
    }
}

/// An error a test node throws on purpose.
struct PlannedFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { "planned failure: \(reason)" }
}

/// Sleeps until cancelled, logging `"<name> cancelled"` when it is; logs `"<name> finished"`
/// if the sleep ever completes.
func sleepUntilCancelled(_ name: String, log: EventLog) async throws {
    do {
        try await Task.sleep(for: .seconds(20))
        log.append("\(name) finished")
    } catch is CancellationError {
        log.append("\(name) cancelled")
        throw CancellationError()
    }
}

/// The schedulers under test, for parameterised tests.
enum SchedulerKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case serial
    case wave
    case dataflow

    func make(
        maximumConcurrency: Int? = nil,
        errorPolicy: ErrorPolicy = .failFast
    ) -> any Scheduler {
        switch self {
        case .serial: SerialScheduler(errorPolicy: errorPolicy)
        case .wave: WaveScheduler(maximumConcurrency: maximumConcurrency,
                                  errorPolicy: errorPolicy)
        case .dataflow: DataflowScheduler(maximumConcurrency: maximumConcurrency,
                                          errorPolicy: errorPolicy)
        }
    }

    var description: String { rawValue }

    static let concurrent: [SchedulerKind] = [.wave, .dataflow]
}
