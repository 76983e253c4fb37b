/// What happened when one node of a graph ran: when it started and ended, how it ended, and
/// the annotations it attached.
public struct TraceEvent: Sendable {
    /// The node's id.
    public var nodeID: String
    /// The node's label, when it was given one.
    public var label: String?
    /// When the node's operation was called, on the monotonic clock.
    public var start: ContinuousClock.Instant
    /// When the node's operation returned or threw; equal to `start` for a skipped node.
    public var end: ContinuousClock.Instant
    /// How the run ended.
    public var outcome: NodeOutcome
    /// Key-value notes the node attached with ``NodeContext/annotate(key:value:)``, such as
    /// token counts or cost.
    public var annotations: [String: String]
    /// The ids of the nodes this one read from, in plan order.
    public var dependencies: [String]

    /// Creates an event.
    public init(
        nodeID: String,
        label: String? = nil,
        start: ContinuousClock.Instant,
        end: ContinuousClock.Instant,
        outcome: NodeOutcome,
        annotations: [String: String] = [:],
        dependencies: [String] = []
    ) {
        self.nodeID = nodeID
        self.label = label
        self.start = start
        self.end = end
        self.outcome = outcome
        self.annotations = annotations
        self.dependencies = dependencies
    }

    /// How long the node ran.
    public var duration: Duration { end - start }
}
