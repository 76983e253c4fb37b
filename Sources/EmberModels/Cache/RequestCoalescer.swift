import Synchronization

/// Shares one run of an operation among the callers that ask for the same key while it is
/// in flight.
///
/// The first caller for a key starts the operation in a task of its own, which inherits
/// that caller's task-local values; callers that arrive before it ends wait for its result
/// instead of starting another. When it ends, every waiter gets the same value, or the same
/// error, and the key is free again: a failure is never kept for later callers, who start
/// a fresh run.
///
/// A waiter that is cancelled stops waiting at once with `CancellationError`; the run goes
/// on for the others. Only when every waiter has gone is the run itself cancelled.
final class RequestCoalescer<Value: Sendable>: Sendable {
    /// A run's value as one waiter receives it.
    struct Outcome: Sendable {
        var value: Value
        /// Whether another waiter was served the run first: `false` for exactly one
        /// waiter of each run (the earliest still waiting), `true` for the rest.
        var isShared: Bool
    }

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private struct Flight {
        var id: UInt64
        var task: Task<Void, Never>
        var waiters: [Waiter]
    }

    private struct State {
        var flights: [String: Flight] = [:]
        var nextID: UInt64 = 0

        mutating func makeID() -> UInt64 {
            nextID += 1
            return nextID
        }
    }

    private let state = Mutex(State())

    /// Creates a coalescer with nothing in flight.
    init() {}

    /// The callers waiting on runs in flight, over every key.
    var waiterCount: Int {
        state.withLock { $0.flights.values.reduce(0) { $0 + $1.waiters.count } }
    }

    /// Runs `operation` for `key`, or waits for the run already in flight for it.
    ///
    /// - Throws: The run's error, or `CancellationError` when the calling task is
    ///   cancelled while it waits.
    func value(forKey key: String,
               operation: @escaping @Sendable () async throws -> Value) async throws -> Outcome {
        let waiterID = state.withLock { $0.makeID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let isCancelled = state.withLock { state -> Bool in
                    // Checked under the lock: a cancellation after this point finds the
                    // waiter registered and removes it.
                    guard !Task.isCancelled else { return true }
                    let waiter = Waiter(id: waiterID, continuation: continuation)
                    if state.flights[key] != nil {
                        state.flights[key]!.waiters.append(waiter)
                        return false
                    }
                    let flightID = state.makeID()
                    let task = Task { await self.run(operation, key: key, flightID: flightID) }
                    state.flights[key] = Flight(id: flightID, task: task, waiters: [waiter])
                    return false
                }
                if isCancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            leave(key: key, waiterID: waiterID)
        }
    }

    private func run(_ operation: @Sendable () async throws -> Value, key: String,
                     flightID: UInt64) async {
        let result: Result<Value, any Error>
        do {
            result = .success(try await operation())
        } catch {
            result = .failure(error)
        }
        let waiters = state.withLock { state -> [Waiter] in
            guard let flight = state.flights[key], flight.id == flightID else { return [] }
            state.flights[key] = nil
            return flight.waiters
        }
        for (index, waiter) in waiters.enumerated() {
            waiter.continuation.resume(with: result.map { Outcome(value: $0, isShared: index > 0) })
        }
    }

    /// Takes a cancelled waiter off its flight, and cancels the flight if it was the last.
    private func leave(key: String, waiterID: UInt64) {
        let (waiter, abandoned) = state.withLock { state -> (Waiter?, Task<Void, Never>?) in
            guard var flight = state.flights[key],
                  let index = flight.waiters.firstIndex(where: { $0.id == waiterID })
            else { return (nil, nil) }
            let waiter = flight.waiters.remove(at: index)
            guard flight.waiters.isEmpty else {
                state.flights[key] = flight
                return (waiter, nil)
            }
            state.flights[key] = nil
            return (waiter, flight.task)
        }
        waiter?.continuation.resume(throwing: CancellationError())
        abandoned?.cancel()
    }
}
