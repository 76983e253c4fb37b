import Foundation
import Synchronization

/// How a child process ended.
struct ChildProcessExit: Sendable, Hashable {
    /// The exit status, or the signal number when ``wasSignalled``.
    var status: Int32
    /// Whether a signal ended the process.
    var wasSignalled: Bool
    /// Whether the time limit ran out and the process group was killed.
    var didTimeOut: Bool
    /// From launch to exit.
    var duration: Duration
}

/// Runs `process` to its end without blocking a thread of Swift's cooperative pool: its
/// termination handler resumes a continuation.
///
/// When `timeLimit` runs out, or the calling task is cancelled, the process's whole group
/// is killed with `SIGKILL` (Foundation starts a child as the leader of its own group on
/// Linux; the sandbox's launcher makes sure of it elsewhere). After the process exits, its
/// group is killed again, so nothing it started in the background lives on.
func runToEnd(_ process: Process, timeLimit: Duration) async throws -> ChildProcessExit {
    let waiter = ExitWaiter()
    process.terminationHandler = { ended in
        waiter.finish(status: ended.terminationStatus,
                      wasSignalled: ended.terminationReason == .uncaughtSignal)
    }
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    let group = process.processIdentifier
    let timedOut = Mutex(false)
    let watchdog = Task {
        try await Task.sleep(for: timeLimit)
        timedOut.withLock { $0 = true }
        killGroup(group)
    }
    let (status, wasSignalled) = await withTaskCancellationHandler {
        await waiter.wait()
    } onCancel: {
        killGroup(group)
    }
    watchdog.cancel()
    killGroup(group)
    return ChildProcessExit(status: status, wasSignalled: wasSignalled,
                            didTimeOut: timedOut.withLock { $0 }, duration: clock.now - start)
}

/// Sends `SIGKILL` to the process group `group`; a group already gone is no error.
private func killGroup(_ group: Int32) {
    guard group > 0 else { return }
    _ = kill(-group, SIGKILL)
}

/// One process's exit, handed from its termination handler to the task awaiting it,
/// whichever comes first.
private final class ExitWaiter: Sendable {
    private enum State {
        case running(CheckedContinuation<(Int32, Bool), Never>?)
        case ended(Int32, Bool)
    }

    private let state = Mutex(State.running(nil))

    func finish(status: Int32, wasSignalled: Bool) {
        let waiting = state.withLock { state -> CheckedContinuation<(Int32, Bool), Never>? in
            guard case .running(let continuation) = state else { return nil }
            state = .ended(status, wasSignalled)
            return continuation
        }
        waiting?.resume(returning: (status, wasSignalled))
    }

    func wait() async -> (Int32, Bool) {
        await withCheckedContinuation { continuation in
            let ended = state.withLock { state -> (Int32, Bool)? in
                switch state {
                case .ended(let status, let wasSignalled): return (status, wasSignalled)
                case .running:
                    state = .running(continuation)
                    return nil
                }
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }
}
