import Foundation

/// The configurations no other beats on both accuracy and cost: the accuracy–cost frontier.
///
/// A point *dominates* another when it is at least as accurate and at most as costly, and
/// strictly better in one of the two. The frontier is every point no other point dominates.
/// Two points with the same accuracy and the same cost do not dominate each other, so both
/// are on the frontier when either is. A point whose cost is unknown is never compared: it
/// is neither on the frontier nor able to push another point off it, since nothing can be
/// said of what it costs.
public struct ParetoFrontier: Sendable, Hashable {
    /// One configuration's accuracy and cost.
    public struct Point: Sendable, Hashable {
        /// The share of items answered correctly, from 0 to 1.
        public var accuracy: Double
        /// What the configuration costs (per item, say), or `nil` when it is unknown.
        public var cost: Decimal?

        /// Creates a point.
        public init(accuracy: Double, cost: Decimal?) {
            self.accuracy = accuracy
            self.cost = cost
        }

        /// Whether this point is at least as accurate and at most as costly as `other`, and
        /// strictly better in one; `false` when either cost is unknown.
        public func dominates(_ other: Point) -> Bool {
            guard let cost, let otherCost = other.cost else { return false }
            return accuracy >= other.accuracy && cost <= otherCost
                && (accuracy > other.accuracy || cost < otherCost)
        }
    }

    /// The points, in the order given.
    public var points: [Point]
    /// The positions in ``points`` of the points on the frontier, from the cheapest to the
    /// dearest (and, at one cost, the most accurate first; ties keep the order given).
    public var indices: [Int]

    /// Finds the frontier of `points`.
    ///
    /// Compares every pair, which is quick for the tens of runs a journal holds.
    public init(_ points: [Point]) {
        self.points = points
        let undominated = points.indices.filter { index in
            points[index].cost != nil
                && !points.contains { $0.dominates(points[index]) }
        }
        indices = undominated.sorted { first, second in
            let (a, b) = (points[first], points[second])
            if let aCost = a.cost, let bCost = b.cost, aCost != bCost { return aCost < bCost }
            if a.accuracy != b.accuracy { return a.accuracy > b.accuracy }
            return first < second
        }
    }

    /// Whether the point at `index` of ``points`` is on the frontier.
    public func contains(_ index: Int) -> Bool { indices.contains(index) }
}
