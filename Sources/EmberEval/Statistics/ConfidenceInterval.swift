import Foundation

/// A confidence interval for a proportion, as two fractions between 0 and 1.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double
    /// The confidence level, such as 0.95.
    public var level: Double

    /// Creates an interval.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// The Wilson score interval for `successes` out of `trials`.
    ///
    /// Unlike the normal approximation it stays inside [0, 1] and is sensible at 0 and at
    /// `trials` successes, which is where small benchmark runs often land. With no trials
    /// the interval is the whole range.
    ///
    /// - Parameter z: The standard normal quantile of the level; 1.959964 for 95%.
    public static func wilson(successes: Int, trials: Int, z: Double = 1.959964) -> Self {
        let level = 2 * standardNormalCumulative(z) - 1
        guard trials > 0 else { return Self(lower: 0, upper: 1, level: level) }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let halfWidth = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return Self(lower: max(0, centre - halfWidth), upper: min(1, centre + halfWidth),
                    level: level)
    }

    private static func standardNormalCumulative(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }
}
