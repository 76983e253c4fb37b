/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator used to expand one 64-bit seed
/// into the state of a larger generator, and to mix numbers into well-spread seeds.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Creates a generator whose first output depends only on `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's finaliser: a bijection of 64-bit numbers that spreads nearby inputs far
    /// apart.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A seeded random number generator, xoshiro256** (Blackman and Vigna, 2018), that gives the
/// same numbers for the same seed on every platform and Swift version.
///
/// Its 256-bit state is filled from the seed by ``SplitMix64``, as its authors recommend.
/// Use ``nextInt(below:)``, ``nextDouble()`` and ``seededShuffle(using:)`` rather than the
/// standard library's `Int.random(in:using:)` and `shuffle(using:)`, whose algorithms may
/// change between Swift versions: a run's sample must be reproducible from its seed alone.
/// The generator is a value: copying it copies its state.
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// Creates the generator of one numbered stream within a seeded run, such as the option
    /// shuffle of one question.
    ///
    /// Streams with different numbers are independent, so an item's randomness depends on
    /// the run's seed and its own number only, never on which other items were drawn first.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SplitMix64.mix(seed ^ SplitMix64.mix(stream &+ 0x9E37_79B9_7F4A_7C15)))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A uniformly distributed integer in `0..<bound`, by Lemire's multiply-and-reject
    /// method (no modulo bias).
    ///
    /// - Precondition: `bound` is positive.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "the bound of a random integer must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniformly distributed number in `0..<1`, from the top 53 bits of ``next()``.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    private func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

extension MutableCollection where Self: RandomAccessCollection {
    /// Shuffles the collection in place by Fisher–Yates, drawing from `generator`: the same
    /// seed always gives the same order.
    public mutating func seededShuffle(using generator: inout SeededRandomNumberGenerator) {
        guard count > 1 else { return }
        var position = count - 1
        while position > 0 {
            let other = generator.nextInt(below: position + 1)
            swapAt(index(startIndex, offsetBy: position), index(startIndex, offsetBy: other))
            position -= 1
        }
    }
}

extension Sequence {
    /// The elements in an order shuffled by Fisher–Yates with `generator`.
    public func seededShuffled(using generator: inout SeededRandomNumberGenerator)
        -> [Element]
    {
        var elements = Array(self)
        elements.seededShuffle(using: &generator)
        return elements
    }
}

extension Collection {
    /// The indices of `count` elements drawn uniformly without replacement, in the order
    /// drawn (a partial Fisher–Yates shuffle of the index positions).
    ///
    /// All elements are drawn when `count` is at least the collection's size.
    public func seededSampleIndices(count: Int,
                                    using generator: inout SeededRandomNumberGenerator)
        -> [Index]
    {
        var positions = Array(indices)
        let taken = Swift.min(Swift.max(count, 0), positions.count)
        for position in 0..<taken {
            let other = position + generator.nextInt(below: positions.count - position)
            positions.swapAt(position, other)
        }
        return Array(positions[..<taken])
    }
}
