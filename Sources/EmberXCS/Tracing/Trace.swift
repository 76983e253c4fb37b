/// The record of one graph run: an event per node that ran, was cancelled or was skipped.
///
/// Export it with ``chromeTraceJSON()`` to open in Perfetto or `chrome://tracing`, or read
/// ``summary`` for the critical path, total work and achieved parallelism.
public struct Trace: Sendable {
    /// One event per node that ran, was cancelled or was skipped, in the plan's topological
    /// order. A node that never started because a fail-fast run stopped first has none.
    public var events: [TraceEvent]
    /// When the run started.
    public var start: ContinuousClock.Instant
    /// When the run finished.
    public var end: ContinuousClock.Instant

    /// Creates a trace; `events` must list every node after the nodes it depends on.
    public init(
        events: [TraceEvent],
        start: ContinuousClock.Instant,
        end: ContinuousClock.Instant
    ) {
        self.events = events
        self.start = start
        self.end = end
    }

    /// The time from the start of the run to its end.
    public var wallTime: Duration { end - start }

    /// The sum of every node's duration.
    public var totalWork: Duration {
        events.reduce(.zero) { $0 + $1.duration }
    }

    /// The event of the node with this id, or `nil` when the node has none.
    public func event(for nodeID: String) -> TraceEvent? {
        events.first { $0.nodeID == nodeID }
    }

    /// The critical path, total work, wall time and parallelism of the run.
    public var summary: TraceSummary { TraceSummary(self) }
}
