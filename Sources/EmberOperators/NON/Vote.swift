/// The outcome of a majority vote: the winner, how strongly it won, and every tally.
public struct Vote: Sendable, Hashable {
    /// One distinct answer and the ballots cast for it.
    public struct Tally: Sendable, Hashable {
        /// The answer in the form answers are compared in (`18`, `A`, `paris`).
        public var answer: String
        /// The first response's own text for this answer, trimmed.
        public var firstWritten: String
        /// How many ballots named it.
        public var count: Int
        /// The position of the first ballot that named it.
        public var firstPosition: Int
    }

    /// The winning answer, compared form, or `nil` when no ballot gave an answer.
    public var winner: String?
    /// The ballots the winner got.
    public var votes: Int
    /// Every ballot, counting the ones that gave no answer.
    public var ballotCount: Int
    /// The distinct answers, most votes first (ties in order of first appearance).
    public var tallies: [Tally]
    /// Whether another answer had as many votes as the winner.
    public var isTie: Bool
    /// The positions of ballots whose response stopped at its token limit.
    public var truncatedPositions: [Int]

    /// The rule that breaks ties: the answer first seen among the tied ones wins.
    public static let tieBreakRule = "first seen wins"

    /// The winner's share of every ballot, empty ones included (`1/3` for
    /// `[nil, nil, "C"]`); 0 when there were no ballots.
    public var share: Double {
        ballotCount == 0 ? 0 : Double(votes) / Double(ballotCount)
    }

    /// The ballots that gave an answer.
    public var answeredCount: Int { tallies.reduce(0) { $0 + $1.count } }

    /// The winner's lead over the runner-up, as a share of every ballot (`1/5` for three
    /// votes against two out of five).
    public var margin: Double {
        guard ballotCount > 0, let first = tallies.first else { return 0 }
        let second = tallies.dropFirst().first?.count ?? 0
        return Double(first.count - second) / Double(ballotCount)
    }
}
