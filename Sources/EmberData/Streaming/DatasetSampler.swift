/// How the records of a run are chosen: all of them, the first few, a seeded random sample,
/// or a seeded sample stratified by subset.
///
/// Random and stratified samples are drawn with ``SeededRandomNumberGenerator``, so a seed
/// gives the same records on every platform, and are returned in dataset order.
public struct DatasetSampler: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case all
        case first(Int)
        case random(Int, seed: UInt64)
        case stratified(Int, seed: UInt64)
    }

    private let kind: Kind

    /// Every record, in dataset order.
    public static let all = DatasetSampler(kind: .all)

    /// The first `count` records.
    public static func first(_ count: Int) -> Self {
        Self(kind: .first(max(count, 0)))
    }

    /// `count` records drawn uniformly without replacement with `seed`.
    public static func random(_ count: Int, seed: UInt64) -> Self {
        Self(kind: .random(max(count, 0), seed: seed))
    }

    /// `count` records drawn so that each subset is represented in proportion to its size
    /// (largest-remainder rounding), each subset's share drawn at random with `seed`.
    public static func stratified(_ count: Int, seed: UInt64) -> Self {
        Self(kind: .stratified(max(count, 0), seed: seed))
    }

    /// The name run configurations record: `all`, `first`, `random` or `stratified`.
    public var name: String {
        switch kind {
        case .all: "all"
        case .first: "first"
        case .random: "random"
        case .stratified: "stratified"
        }
    }

    /// The most records chosen, or `nil` for all.
    public var count: Int? {
        switch kind {
        case .all: nil
        case .first(let count), .random(let count, _), .stratified(let count, _): count
        }
    }

    /// The seed of a random or stratified sample, or `nil`.
    public var seed: UInt64? {
        switch kind {
        case .all, .first: nil
        case .random(_, let seed), .stratified(_, let seed): seed
        }
    }

    /// The records this sampler chooses from `records`.
    public func apply(to records: DatasetRecords) -> DatasetRecords {
        switch kind {
        case .all: records
        case .first(let count): records.prefix(count)
        case .random(let count, let seed): records.sampled(count: count, seed: seed)
        case .stratified(let count, let seed): records.stratified(count: count, seed: seed)
        }
    }

    public var description: String {
        switch kind {
        case .all: "all records"
        case .first(let count): "the first \(count)"
        case .random(let count, let seed): "\(count) at random (seed \(seed))"
        case .stratified(let count, let seed): "\(count) stratified by subset (seed \(seed))"
        }
    }
}
