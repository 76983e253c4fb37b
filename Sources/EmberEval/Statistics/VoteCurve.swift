import EmberData
import EmberOperators
import Foundation

/// How accuracy grows with the number of samples voted on, from one set of samples.
///
/// A run whose ensemble drew n samples per item holds the answer to "what if it had drawn
/// k?" for every k ≤ n: vote over k of the same samples. For k = 1, 2, 4, … and n itself,
/// each item's k-sample votes are averaged over every k-subset of its samples when there are
/// few enough, else over seeded random ones, each kept in the order the samples were drawn so that ties break as the ensemble's vote breaks them
/// (``Vote/tieBreakRule``). No model is called.
public struct VoteCurve: Sendable, Hashable {
    /// One item's samples, each read by the evaluator on its own.
    public struct Item: Sendable, Hashable {
        /// The samples' texts, in the order they were drawn.
        public var texts: [String]
        /// Whether the evaluator scored each sample correct.
        public var correct: [Bool]

        /// Creates an item's samples.
        ///
        /// - Precondition: `texts` and `correct` are as long as each other.
        public init(texts: [String], correct: [Bool]) {
            precondition(texts.count == correct.count, "a sample without its score")
            self.texts = texts
            self.correct = correct
        }
    }

    /// The figures at one number of samples.
    public struct Point: Sendable, Hashable {
        /// Samples voted on.
        public var k: Int
        /// The share of items whose k-sample vote is correct.
        public var majorityAccuracy: Double
        /// The share of items where at least one of k samples is correct: the unbiased
        /// pass@k estimate, 1 − C(n − c, k) / C(n, k) for c correct of n samples.
        public var oracleAccuracy: Double
        /// The winner's mean lead over the runner-up, as a share of the k ballots.
        public var meanMargin: Double
        /// The winner's mean share of the k ballots.
        public var agreement: Double
        /// The share of votes that ended in a tie (broken by ``Vote/tieBreakRule``).
        public var tieRate: Double
        /// The share of votes in which no sample gave an answer.
        public var noAnswerRate: Double
    }

    /// The figures for each k, in increasing k.
    public var points: [Point]
    /// The rule that broke the ties counted in ``Point/tieRate``.
    public var tieBreakRule: String { Vote.tieBreakRule }

    /// Computes the curve.
    ///
    /// - Parameters:
    ///   - items: Each item's samples; items with fewer samples than a k take part only in
    ///     the smaller ks.
    ///   - kind: How answers are read and compared in the vote.
    ///   - subsets: The most subsets voted on per item for each k: when an item's samples
    ///     have no more k-subsets than this, every one is taken and the figure is exact;
    ///     else this many are drawn at random (the whole set, for k = n, is one subset).
    ///   - seed: The seed of the subsets: the same seed, the same curve.
    public init(items: [Item], kind: AnswerKind, subsets: Int = 64, seed: UInt64 = 0) {
        let largest = items.map(\.texts.count).max() ?? 0
        var ks = Array(sequence(first: 1) { $0 * 2 }.prefix { $0 < largest })
        if largest > 0 { ks.append(largest) }
        let vote = MostCommon(kind: kind)
        var generator = SeededRandomNumberGenerator(seed: seed)
        points = ks.map { k in
            var figures = Figures()
            for item in items where item.texts.count >= k {
                let n = item.texts.count
                // Every subset when there are no more of them than the draws allowed (the
                // figure is then exact), else seeded random ones.
                let every = Self.combinations(of: n, choosing: k, atMost: max(1, subsets))
                let draws = every?.count ?? max(1, subsets)
                var itemFigures = Figures()
                for draw in 0..<draws {
                    let chosen: [Int]
                    if let every {
                        chosen = every[draw]
                    } else {
                        var positions = Array(0..<n)
                        positions.shuffle(using: &generator)
                        chosen = positions.prefix(k).sorted()
                    }
                    let result = vote.vote(chosen.map { item.texts[$0] })
                    let winner = result.tallies.first.map { chosen[$0.firstPosition] }
                    itemFigures.add(result, isCorrect: winner.map { item.correct[$0] } ?? false)
                }
                figures.add(itemFigures.averaged(over: draws),
                            oracle: Self.passAtK(n: n, correct: item.correct.count(where: \.self),
                                                 k: k))
            }
            return figures.point(k: k)
        }
    }

    /// Every k-subset of 0..<n in increasing order, each sorted, or `nil` when there are
    /// more than `limit` of them.
    static func combinations(of n: Int, choosing k: Int, atMost limit: Int) -> [[Int]]? {
        var count = 1.0
        for i in 0..<k { count = count * Double(n - i) / Double(i + 1) }
        guard count <= Double(limit) else { return nil }
        var result: [[Int]] = []
        var current: [Int] = []
        func extend(from start: Int) {
            guard current.count < k else {
                result.append(current)
                return
            }
            for next in start..<n where n - next >= k - current.count {
                current.append(next)
                extend(from: next + 1)
                current.removeLast()
            }
        }
        extend(from: 0)
        return result
    }

    /// The unbiased estimate of the chance that k of n samples, c of them correct, hold a
    /// correct one: 1 − C(n − c, k) / C(n, k).
    public static func passAtK(n: Int, correct c: Int, k: Int) -> Double {
        guard n - c >= k else { return 1 }
        // C(n − c, k) / C(n, k) as a product, which stays within double precision.
        var ratio = 1.0
        for i in 0..<k {
            ratio *= Double(n - c - i) / Double(n - i)
        }
        return 1 - ratio
    }

    /// Sums over votes, then over items.
    private struct Figures {
        var count = 0.0
        var correct = 0.0
        var oracle = 0.0
        var margin = 0.0
        var agreement = 0.0
        var ties = 0.0
        var noAnswer = 0.0

        mutating func add(_ vote: Vote, isCorrect: Bool) {
            count += 1
            correct += isCorrect ? 1 : 0
            margin += vote.margin
            agreement += vote.share
            ties += vote.isTie ? 1 : 0
            noAnswer += vote.winner == nil ? 1 : 0
        }

        func averaged(over draws: Int) -> Figures {
            let d = Double(draws)
            return Figures(count: 1, correct: correct / d, oracle: 0, margin: margin / d,
                           agreement: agreement / d, ties: ties / d, noAnswer: noAnswer / d)
        }

        mutating func add(_ item: Figures, oracle itemOracle: Double) {
            count += 1
            correct += item.correct
            oracle += itemOracle
            margin += item.margin
            agreement += item.agreement
            ties += item.ties
            noAnswer += item.noAnswer
        }

        func point(k: Int) -> Point {
            let n = max(count, 1)
            return Point(k: k, majorityAccuracy: correct / n, oracleAccuracy: oracle / n,
                         meanMargin: margin / n, agreement: agreement / n, tieRate: ties / n,
                         noAnswerRate: noAnswer / n)
        }
    }
}
