import EmberData
import EmberModels
import Foundation

/// Two runs compared on the items they share, matched by record id.
///
/// Each item is a pair of outcomes, so the comparison asks the paired questions: how sure
/// is the difference in accuracy (a paired bootstrap interval), could it be chance (McNemar's
/// exact test on the items where the runs disagree), which items flipped, and what each
/// run's answers cost. A failed call counts as a wrong answer, as in each run's own report.
public struct PairedComparison: Sendable {
    /// One item both runs answered.
    public struct Pair: Sendable, Hashable {
        /// The record both results are for.
        public var recordID: String
        /// Run A's result.
        public var a: EvaluationItemResult
        /// Run B's result.
        public var b: EvaluationItemResult
    }

    /// One run's figures over the shared items.
    public struct Side: Sendable, Hashable {
        /// Items scored correct.
        public var correct: Int
        /// The share of items scored correct.
        public var accuracy: Double
        /// The 95% Wilson interval of ``accuracy``.
        public var interval: ConfidenceInterval
        /// Dollars over the items, or `nil` when some item's cost is unknown.
        public var cost: Decimal?
        /// Latency per item, in seconds.
        public var latency: DistributionSummary?

        init(_ results: [EvaluationItemResult]) {
            correct = results.count(where: \.isCorrect)
            accuracy = results.isEmpty ? 0 : Double(correct) / Double(results.count)
            interval = .wilson(successes: correct, trials: results.count)
            cost = results.reduce(Decimal(0) as Decimal?) { total, result in
                guard let total, let cost = result.cost else { return nil }
                return total + cost
            }
            latency = DistributionSummary(results.map(\.latency.seconds))
        }

        /// Dollars per item, or `nil` when the cost is unknown.
        public func costPerItem(of count: Int) -> Decimal? {
            count > 0 ? cost.map { $0 / Decimal(count) } : nil
        }

        /// Dollars per correct answer, or `nil` when the cost is unknown or none is correct.
        public var costPerCorrectAnswer: Decimal? {
            correct > 0 ? cost.map { $0 / Decimal(correct) } : nil
        }
    }

    /// The shared items, in run A's order.
    public var pairs: [Pair]
    /// Run A over the shared items.
    public var a: Side
    /// Run B over the shared items.
    public var b: Side
    /// B's accuracy minus A's.
    public var difference: Double
    /// The paired bootstrap's 95% percentile interval of ``difference``.
    public var differenceInterval: ConfidenceInterval
    /// Resamples the interval was drawn from.
    public var resamples: Int
    /// The seed of the resampling.
    public var seed: UInt64
    /// McNemar's exact two-sided p-value: the chance of a split of the disagreeing items at
    /// least this uneven if each were as likely to favour either run.
    public var pValue: Double

    /// Items A scored correct and B did not.
    public var onlyA: [Pair] { pairs.filter { $0.a.isCorrect && !$0.b.isCorrect } }
    /// Items B scored correct and A did not.
    public var onlyB: [Pair] { pairs.filter { $0.b.isCorrect && !$0.a.isCorrect } }

    /// Pairs the results of two runs by record id and compares them.
    ///
    /// - Parameters:
    ///   - a: Run A's results.
    ///   - b: Run B's results.
    ///   - resamples: Paired bootstrap resamples for the interval of the difference.
    ///   - seed: The seed of the resampling: the same seed, the same interval.
    /// - Throws: ``ComparisonError/noSharedItems`` when no record id is in both.
    public init(a: [EvaluationItemResult], b: [EvaluationItemResult],
                resamples: Int = 10_000, seed: UInt64 = 0) throws(ComparisonError) {
        let byID = Dictionary(b.map { ($0.recordID, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        pairs = a.compactMap { result in
            guard let other = byID[result.recordID], seen.insert(result.recordID).inserted
            else { return nil }
            return Pair(recordID: result.recordID, a: result, b: other)
        }
        guard !pairs.isEmpty else { throw .noSharedItems }
        self.a = Side(pairs.map(\.a))
        self.b = Side(pairs.map(\.b))
        difference = self.b.accuracy - self.a.accuracy
        self.resamples = max(1, resamples)
        self.seed = seed
        let changes = pairs.map { ($0.b.isCorrect ? 1 : 0) - ($0.a.isCorrect ? 1 : 0) }
        differenceInterval = Self.bootstrap(changes, resamples: self.resamples, seed: seed)
        pValue = McNemarTest.exactPValue(
            onlyA: changes.count(where: { $0 < 0 }), onlyB: changes.count(where: { $0 > 0 }))
    }

    /// The 95% percentile interval of the mean change over resamples of the pairs.
    static func bootstrap(_ changes: [Int], resamples: Int, seed: UInt64)
        -> ConfidenceInterval
    {
        var generator = SeededRandomNumberGenerator(seed: seed)
        let count = changes.count
        var means = [Double]()
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var total = 0
            for _ in 0..<count {
                total += changes[Int(generator.next(upperBound: UInt64(count)))]
            }
            means.append(Double(total) / Double(count))
        }
        means.sort()
        return ConfidenceInterval(lower: DistributionSummary.nearestRank(0.025, of: means),
                                  upper: DistributionSummary.nearestRank(0.975, of: means),
                                  level: 0.95)
    }
}

/// McNemar's test for paired binary outcomes, in its exact (binomial) form.
public enum McNemarTest {
    /// The two-sided p-value of `onlyA` items won by A and `onlyB` by B: twice the chance of
    /// a split at least as uneven in `onlyA + onlyB` fair coin flips, at most 1.
    public static func exactPValue(onlyA: Int, onlyB: Int) -> Double {
        let trials = onlyA + onlyB
        guard trials > 0 else { return 1 }
        let fewer = min(onlyA, onlyB)
        // Sums the binomial probabilities in log space, so thousands of trials stay exact
        // to double precision.
        let logHalf = -Double(trials) * log(2)
        var tail = 0.0
        for successes in 0...fewer {
            tail += exp(logChoose(trials, successes) + logHalf)
        }
        return min(1, 2 * tail)
    }

    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}

/// Why two runs cannot be compared.
public enum ComparisonError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No record id is in both runs.
    case noSharedItems
    /// The runs are over different data.
    case differentData(a: String, b: String)

    public var description: String {
        switch self {
        case .noSharedItems:
            "The two runs share no item (no record id is in both), so there is nothing to pair."
        case .differentData(let a, let b):
            "Run A is over \(a) and run B over \(b); a paired comparison needs the same items."
        }
    }
}
