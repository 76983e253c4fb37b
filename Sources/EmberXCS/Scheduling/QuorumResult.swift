/// What a ``Quorum`` heard before it stopped.
public struct QuorumResult<Value: Sendable>: Sendable {
    /// The first value of the quorum: for an agreement rule, the agreed value.
    ///
    /// A stored property, so a graph can read it with a field edge named `value`.
    public var value: Value?
    /// The votes that made the rule hold, in the order they arrived.
    public var quorum: [QuorumVote<Value>]
    /// Every successful vote received before the rule held, in arrival order.
    public var votes: [QuorumVote<Value>]
    /// The error of each branch that failed before the rule held, by branch position.
    public var failures: [Int: any Error]
    /// The branches that had not finished when the rule held: cancelled, or never started.
    public var cancelled: [Int]

    /// Creates a quorum result.
    public init(
        quorum: [QuorumVote<Value>],
        votes: [QuorumVote<Value>],
        failures: [Int: any Error] = [:],
        cancelled: [Int] = []
    ) {
        self.value = quorum.first?.value
        self.quorum = quorum
        self.votes = votes
        self.failures = failures
        self.cancelled = cancelled
    }
}
