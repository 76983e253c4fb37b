/// How a ``JITFunction``'s runs went: how often its recording was reused, and how many of
/// the calls it launched ahead were used.
public struct JITStatistics: Sendable, Hashable, CustomStringConvertible {
    /// Runs made with no recording to go on (the first, or one after only failed runs): they
    /// ran plainly and recorded.
    public var recordings = 0
    /// Runs that launched calls ahead and took the recorded path.
    public var reuses = 0
    /// Runs whose path (the operators called, their order or the sources of their inputs)
    /// differed from the recording; the run's own path became the recording.
    public var rerecordings = 0
    /// Runs that took the recorded path but had nothing to launch ahead, because no
    /// recorded call's input was the argument, or its operator or input is not `Hashable`.
    public var bypasses = 0
    /// Operator calls launched ahead, over every run.
    public var launchedCalls = 0
    /// Launched calls whose result a call of the function took.
    public var claimedCalls = 0
    /// Launched calls no call took, cancelled when their run returned.
    public var unclaimedCalls = 0

    /// Creates statistics with every count at zero.
    public init() {}

    /// One line with every count.
    public var description: String {
        "\(recordings) recorded, \(reuses) reused, \(rerecordings) re-recorded, "
            + "\(bypasses) bypassed; calls: \(launchedCalls) launched ahead, "
            + "\(claimedCalls) claimed, \(unclaimedCalls) unclaimed"
    }
}
