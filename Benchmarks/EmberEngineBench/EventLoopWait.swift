import Dispatch
import Foundation
import Synchronization

/// A wait that ends the way network I/O does in Ember: one event-loop thread resumes the
/// waiting task's continuation when the "reply" is due, as the HTTP client's loop thread does
/// when a response arrives.
///
/// `Task.sleep` on Linux arms a separate dispatch timer for every sleeper, and 1,024 timers
/// firing together take milliseconds to drain however the sleeping tasks were started; that
/// cost belongs to the stand-in, not to the scheduler. This loop resumes every waiter that is
/// due in one pass, so what remains above the wait itself is the engine's own work.
final class EventLoopWait: Sendable {
    /// Plain in layout: `ContinuousClock.Instant` and `CheckedContinuation` are resilient, so a
    /// waiter holding them would be copied through runtime witnesses, and a checked
    /// continuation allocates a canary per wait. The loop resumes each waiter once.
    private struct Waiter {
        /// When the wait ends, as time since `origin`.
        var deadline: Duration
        var continuation: UnsafeContinuation<Void, Never>
    }

    /// The instant deadlines count from.
    private let origin = ContinuousClock.now

    /// Waiters in deadline order; equal waits started in order append at the end.
    private let waiters = Mutex<[Waiter]>([])
    /// Signalled when a waiter arrives on an empty queue.
    private let arrival = DispatchSemaphore(value: 0)

    init() {
        let thread = Thread { [self] in run() }
        thread.name = "bench.event-loop"
        thread.start()
    }

    /// Suspends the caller for `duration`, resumed by the loop thread.
    func wait(_ duration: Duration) async {
        let deadline = ContinuousClock.now - origin + duration
        await withUnsafeContinuation { continuation in
            let wasEmpty = waiters.withLock { waiters in
                let index = waiters.lastIndex { $0.deadline <= deadline }.map { $0 + 1 } ?? 0
                waiters.insert(Waiter(deadline: deadline, continuation: continuation), at: index)
                return waiters.count == 1
            }
            if wasEmpty { arrival.signal() }
        }
    }

    /// The loop: sleeps until the earliest deadline, then resumes every waiter that is due.
    private func run() {
        while true {
            guard let next = waiters.withLock({ $0.first?.deadline }) else {
                arrival.wait()
                continue
            }
            // At most a millisecond at a time, so a shorter wait that arrives meanwhile is
            // not kept waiting.
            let remaining = min(next - (ContinuousClock.now - origin), .milliseconds(1))
            if remaining > .zero {
                let (seconds, attoseconds) = remaining.components
                var time = timespec(tv_sec: Int(seconds),
                                    tv_nsec: Int(attoseconds / 1_000_000_000))
                nanosleep(&time, nil)
                continue
            }
            let now = ContinuousClock.now - origin
            let due = waiters.withLock { waiters in
                let count = waiters.firstIndex { $0.deadline > now } ?? waiters.count
                defer { waiters.removeFirst(count) }
                return Array(waiters.prefix(count))
            }
            for waiter in due { waiter.continuation.resume() }
        }
    }
}
