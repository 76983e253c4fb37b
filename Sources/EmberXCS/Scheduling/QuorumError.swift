/// The error a ``Quorum`` throws when its rule can no longer hold.
public struct QuorumError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case notReached(rule: String, branches: Int, votes: Int, failures: [any Error])
    }

    private let code: Code

    /// The id of the graph node that ran the quorum, or `nil` outside a graph.
    public let nodeID: String?

    private init(_ code: Code, nodeID: String?) {
        self.code = code
        self.nodeID = nodeID
    }

    /// Every branch has finished, or too few remain, and the rule does not hold.
    static func notReached(
        rule: String,
        nodeID: String?,
        branches: Int,
        votes: Int,
        failures: [any Error]
    ) -> QuorumError {
        QuorumError(.notReached(rule: rule, branches: branches, votes: votes, failures: failures),
                    nodeID: nodeID)
    }

    /// The errors of the branches that failed, in branch order.
    public var branchFailures: [any Error] {
        switch code {
        case .notReached(_, _, _, let failures): failures
        }
    }

    /// A sentence naming the rule, the node and what the branches did.
    public var description: String {
        switch code {
        case .notReached(let rule, let branches, let votes, let failures):
            let place = nodeID.map { " in node '\($0)'" } ?? ""
            let first = failures.first.map { "; the first failure was: \($0)" } ?? ""
            return "The quorum '\(rule)'\(place) cannot be reached: of \(branches) branches, "
                + "\(votes) succeeded without meeting it and \(failures.count) failed\(first)."
        }
    }
}
