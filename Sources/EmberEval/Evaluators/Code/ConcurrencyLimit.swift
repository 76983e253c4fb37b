import Synchronization

/// Lets at most a fixed number of tasks hold a permit at once; the others wait, in the
/// order they asked, without blocking a thread.
///
/// Shared by reference: copies of a value holding one share its permits. A task cancelled
/// while it waits stops waiting and throws `CancellationError`.
final class ConcurrencyLimit: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var available: Int
        var waiters: [Waiter] = []
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// Creates a limit of `permits` holders at once (at least one).
    init(permits: Int) {
        state = Mutex(State(available: max(1, permits)))
    }

    /// Runs `body` while holding a permit, waiting for one first if none is free.
    func withPermit<Result: Sendable>(
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                enum Action { case resume, cancel, wait }
                let action = state.withLock { state -> Action in
                    if state.cancelled.remove(id) != nil { return .cancel }
                    guard state.available == 0 else {
                        state.available -= 1
                        return .resume
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .wait
                }
                switch action {
                case .resume: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .wait: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
        // A permit taken before the cancellation arrived leaves a stale mark; drop it.
        state.withLock { _ = $0.cancelled.remove(id) }
    }

    private func release() {
        let next = state.withLock { state -> Waiter? in
            guard !state.waiters.isEmpty else {
                state.available += 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }
}
