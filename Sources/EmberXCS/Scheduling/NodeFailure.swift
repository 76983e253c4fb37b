/// The error a fail-fast run throws: which node failed first, with what error.
///
/// By the time it is thrown every other node has been cancelled and has stopped.
public struct NodeFailure: Error, Sendable, CustomStringConvertible {
    /// The id of the node that failed first.
    public var nodeID: String
    /// The error the node threw (or an ``ExecutionError`` when its input could not be built).
    public var underlying: any Error
    /// The run's trace up to the failure, with the cancelled nodes.
    public var trace: Trace

    /// Creates a node failure.
    public init(nodeID: String, underlying: any Error, trace: Trace) {
        self.nodeID = nodeID
        self.underlying = underlying
        self.trace = trace
    }

    /// `Node '<id>' failed: <underlying error>`.
    public var description: String {
        "Node '\(nodeID)' failed: \(underlying)"
    }
}
