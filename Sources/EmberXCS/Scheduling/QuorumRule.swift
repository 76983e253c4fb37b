/// When a ``Quorum`` has heard enough: a condition over the branches that have finished so
/// far, in the order they finished.
///
/// ```swift
/// .finished(2)                       // any two branches succeeded
/// .agreeing(3, by: \.answer)         // three branches gave the same answer
/// .custom("a confident answer") { votes in votes.contains { $0.value.confidence > 0.9 } }
/// ```
public struct QuorumRule<Value: Sendable>: Sendable, CustomStringConvertible {
    /// Given the votes so far, the positions (in `votes`) of those that form the quorum, or
    /// `nil` while it does not hold.
    private let decide: @Sendable ([QuorumVote<Value>]) -> [Int]?
    /// Given the votes so far and how many branches have not finished, whether the rule can
    /// still come to hold.
    private let canHold: @Sendable ([QuorumVote<Value>], Int) -> Bool

    /// What the rule asks for, such as `2 finished` or `3 agreeing`.
    public let description: String

    private init(
        description: String,
        decide: @escaping @Sendable ([QuorumVote<Value>]) -> [Int]?,
        canHold: @escaping @Sendable ([QuorumVote<Value>], Int) -> Bool
    ) {
        self.description = description
        self.decide = decide
        self.canHold = canHold
    }

    /// The positions of the votes that form the quorum, or `nil` while it does not hold.
    func decision(_ votes: [QuorumVote<Value>]) -> [Int]? {
        decide(votes)
    }

    /// Whether the rule can still hold once `remaining` more branches finish.
    func canStillHold(_ votes: [QuorumVote<Value>], remaining: Int) -> Bool {
        canHold(votes, remaining)
    }

    /// Holds once `count` branches have succeeded; they form the quorum.
    public static func finished(_ count: Int) -> QuorumRule {
        QuorumRule(
            description: "\(count) finished",
            decide: { votes in votes.count >= count ? Array(0..<count) : nil },
            canHold: { votes, remaining in votes.count + remaining >= count }
        )
    }

    /// Holds once `count` branches have succeeded with the same key; those branches form
    /// the quorum.
    ///
    /// - Parameters:
    ///   - count: How many branches must agree.
    ///   - key: What the branches must agree on, such as a normalised answer.
    public static func agreeing<Key: Hashable & Sendable>(
        _ count: Int,
        by key: @escaping @Sendable (Value) -> Key
    ) -> QuorumRule {
        QuorumRule(
            description: "\(count) agreeing",
            decide: { votes in
                var groups: [Key: [Int]] = [:]
                for (position, vote) in votes.enumerated() {
                    groups[key(vote.value), default: []].append(position)
                }
                return groups.values.filter { $0.count >= count }
                    .min { $0[count - 1] < $1[count - 1] }
                    .map { Array($0.prefix(count)) }
            },
            canHold: { votes, remaining in
                var sizes: [Key: Int] = [:]
                for vote in votes { sizes[key(vote.value), default: 0] += 1 }
                return (sizes.values.max() ?? 0) + remaining >= count
            }
        )
    }

    /// Holds once `count` branches have succeeded with equal values.
    public static func agreeing(_ count: Int) -> QuorumRule where Value: Hashable {
        agreeing(count) { $0 }
    }

    /// Holds when `predicate` returns true for the votes so far; all of them form the quorum.
    ///
    /// - Parameters:
    ///   - description: What the rule asks for, for errors and traces.
    ///   - predicate: Called after each branch finishes, with every successful vote so far.
    public static func custom(
        _ description: String,
        _ predicate: @escaping @Sendable ([QuorumVote<Value>]) -> Bool
    ) -> QuorumRule {
        QuorumRule(
            description: description,
            decide: { votes in predicate(votes) ? Array(votes.indices) : nil },
            canHold: { _, remaining in remaining > 0 }
        )
    }
}

/// One branch's successful result, as a ``QuorumRule`` sees it.
public struct QuorumVote<Value: Sendable>: Sendable {
    /// The branch's position among the quorum's branches.
    public var branch: Int
    /// What the branch returned.
    public var value: Value

    /// Creates a vote.
    public init(branch: Int, value: Value) {
        self.branch = branch
        self.value = value
    }
}
