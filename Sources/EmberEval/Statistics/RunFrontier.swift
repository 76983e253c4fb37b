import Foundation

/// Runs over the same items side by side, with the accuracy–cost frontier among them.
///
/// Runs are comparable only over the same items, so they are first grouped by their data
/// (dataset, split and subset) and the exact set of record ids they finished: a run of 20
/// items and a run of 50, or an interrupted run and a finished one, fall in different
/// groups. The group with the most runs is the one shown (at equal counts, the one with the
/// most items, then the one holding the most recent run); the others are named in
/// ``otherGroups`` so a reader knows what was left out and why.
///
/// Each run is measured as in its own report (``EvaluationSummary``): accuracy with its
/// 95% Wilson interval, dollars per item (unknown when any answered item's cost is), and
/// the median latency of the items whose call returned. The frontier is found over
/// accuracy and cost per item by ``ParetoFrontier``; a run of unknown cost is listed but
/// never on it.
public struct RunFrontier: Sendable {
    /// One run of the group.
    public struct Entry: Sendable {
        /// The run, from the journal.
        public var run: RunEntry
        /// The run's figures over its items.
        public var summary: EvaluationSummary
        /// Whether no other run of the group is at least as accurate and at most as costly
        /// per item, and strictly better in one.
        public var isOnFrontier: Bool

        /// Dollars per item, or `nil` when the cost is unknown.
        public var costPerItem: Decimal? { summary.costPerItem }
        /// The median latency per item, in seconds, or `nil` when no call returned.
        public var latencyMedian: Double? { summary.latency?.p50 }
    }

    /// A set of runs over the same items that is not the one shown.
    public struct Group: Sendable, Hashable {
        /// The data the runs are over (``RunEntry/dataDescription``).
        public var data: String
        /// How many items each run of the group finished.
        public var itemCount: Int
        /// The runs' ids, the most recent first.
        public var runIDs: [String]
    }

    /// The data the shown runs are over.
    public var data: String
    /// How many items each shown run finished (the same items for all).
    public var itemCount: Int
    /// The shown runs, from the cheapest per item to the dearest, then those of unknown
    /// cost; at one cost, the most accurate first.
    public var entries: [Entry]
    /// The groups of runs over other item sets, the largest first.
    public var otherGroups: [Group]

    /// The entries on the frontier, from the cheapest to the dearest.
    public var frontier: [Entry] { entries.filter(\.isOnFrontier) }

    /// Groups runs by the items they finished and finds the frontier of the largest group.
    ///
    /// - Parameter runs: Runs with their finished items, the most recent first (as
    ///   ``RunJournal/runs(limit:)`` lists them). Runs with no finished item are left out.
    /// - Returns: `nil` when no run has a finished item.
    public init?(runs: [(run: RunEntry, items: [EvaluationItemResult])]) {
        struct Key: Hashable {
            var data: String
            var recordIDs: Set<String>
        }
        var order: [Key] = []
        var members: [Key: [(run: RunEntry, items: [EvaluationItemResult])]] = [:]
        for run in runs where !run.items.isEmpty {
            let key = Key(data: run.run.dataDescription,
                          recordIDs: Set(run.items.map(\.recordID)))
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(run)
        }
        // A stable sort on the count and the size keeps the most recent run's group first
        // among equals.
        let ranked = order.enumerated().sorted { first, second in
            let a = members[first.element, default: []].count
            let b = members[second.element, default: []].count
            if a != b { return a > b }
            let (x, y) = (first.element.recordIDs.count, second.element.recordIDs.count)
            if x != y { return x > y }
            return first.offset < second.offset
        }.map(\.element)
        guard let shown = ranked.first, let group = members[shown] else { return nil }

        let measured = group.map { run in
            EvaluationSummary(results: run.items, plannedCount: run.run.plannedCount,
                              wallTime: run.run.wallTime)
        }
        let sorted = zip(group.map(\.run), measured).sorted { first, second in
            switch (first.1.costPerItem, second.1.costPerItem) {
            case let (a?, b?) where a != b: return a < b
            case (nil, _?): return false
            case (_?, nil): return true
            default: return first.1.accuracy > second.1.accuracy
            }
        }
        let frontier = ParetoFrontier(sorted.map {
            ParetoFrontier.Point(accuracy: $0.1.accuracy, cost: $0.1.costPerItem)
        })
        data = shown.data
        itemCount = shown.recordIDs.count
        entries = sorted.enumerated().map { index, pair in
            Entry(run: pair.0, summary: pair.1, isOnFrontier: frontier.contains(index))
        }
        otherGroups = ranked.dropFirst().map { key in
            Group(data: key.data, itemCount: key.recordIDs.count,
                  runIDs: members[key, default: []].map(\.run.id))
        }
    }
}

extension RunEntry {
    /// The data the run is over: its dataset, then its split and subset when it has them
    /// (`gsm8k, split test`).
    public var dataDescription: String {
        [configuration.dataset, configuration.split.map { "split \($0)" },
         configuration.subset.map { "subset \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
    }
}
