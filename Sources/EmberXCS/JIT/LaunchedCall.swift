import Synchronization

/// The result of an operator call the JIT launched ahead, waited for by at most one claimer.
final class LaunchedCall: Sendable {
    private enum State {
        case running(waiter: CheckedContinuation<any Sendable, any Error>?)
        case finished(Result<any Sendable, any Error>)
    }

    private let state = Mutex(State.running(waiter: nil))

    /// Runs `work` and keeps its result for the claimer; the claimer, if already waiting,
    /// resumes at once.
    func run(_ work: @Sendable () async throws -> any Sendable) async {
        let result: Result<any Sendable, any Error>
        do {
            result = .success(try await work())
        } catch {
            result = .failure(error)
        }
        let waiter = state.withLock { state -> CheckedContinuation<any Sendable, any Error>? in
            guard case .running(let waiter) = state else { return nil }
            state = .finished(result)
            return waiter
        }
        waiter?.resume(with: result)
    }

    /// The call's output, or its error, once it has finished.
    ///
    /// Suspends until the launched task ends; cancelling the run that launched it ends it.
    func value() async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            let finished = state.withLock { state -> Result<any Sendable, any Error>? in
                switch state {
                case .finished(let result):
                    return result
                case .running:
                    state = .running(waiter: continuation)
                    return nil
                }
            }
            if let finished { continuation.resume(with: finished) }
        }
    }
}
