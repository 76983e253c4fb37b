extension DatasetRecords {
    /// `count` records drawn uniformly without replacement, in dataset order.
    ///
    /// The draw is a partial Fisher–Yates shuffle of the record positions with a
    /// ``SeededRandomNumberGenerator`` seeded by `seed`; the first `next()` reads every record.
    public func sampled(count: Int, seed: UInt64) -> DatasetRecords {
        reordered { records in
            var generator = SeededRandomNumberGenerator(seed: seed)
            return records.seededSampleIndices(count: count, using: &generator).sorted()
                .map { records[$0] }
        }
    }

    /// Every record, in an order shuffled by Fisher–Yates with `seed`.
    public func shuffled(seed: UInt64) -> DatasetRecords {
        reordered { records in
            var generator = SeededRandomNumberGenerator(seed: seed)
            return records.seededShuffled(using: &generator)
        }
    }

    /// `count` records with every subset represented in proportion to its size, in dataset
    /// order.
    ///
    /// Each subset's share is `count × size / total`, rounded down, and the records left
    /// over go one each to the subsets with the largest remainders (ties to the subset that
    /// comes first by name). Records without a subset form one stratum of their own. Within
    /// a subset the records are drawn as ``sampled(count:seed:)`` draws them, subsets in
    /// name order from one generator seeded by `seed`.
    public func stratified(count: Int, seed: UInt64) -> DatasetRecords {
        reordered { records in
            var strata: [String: [Int]] = [:]
            for (position, record) in records.enumerated() {
                strata[record.subset ?? "", default: []].append(position)
            }
            let quotas = Self.quotas(sizes: strata.mapValues(\.count),
                                     total: Swift.min(Swift.max(count, 0), records.count))
            var generator = SeededRandomNumberGenerator(seed: seed)
            var chosen: [Int] = []
            for name in strata.keys.sorted() {
                let positions = strata[name]!
                chosen += positions.seededSampleIndices(count: quotas[name] ?? 0,
                                                        using: &generator)
                    .map { positions[$0] }
            }
            return chosen.sorted().map { records[$0] }
        }
    }

    /// Largest-remainder shares of `total` among strata of the given sizes.
    static func quotas(sizes: [String: Int], total: Int) -> [String: Int] {
        let population = sizes.values.reduce(0, +)
        guard population > 0 else { return [:] }
        var quotas: [String: Int] = [:]
        var remainders: [(name: String, remainder: Int)] = []
        for (name, size) in sizes {
            let exact = total * size
            quotas[name] = exact / population
            remainders.append((name, exact % population))
        }
        var left = total - quotas.values.reduce(0, +)
        for entry in remainders.sorted(by: {
            $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.name < $1.name
        }) where left > 0 {
            quotas[entry.name, default: 0] += 1
            left -= 1
        }
        return quotas
    }
}
