/// Assigns each event of a trace to a lane so that events sharing a lane never overlap.
///
/// Greedy interval partitioning: events in order of start time each take the lowest lane
/// that is free by then, so the number of lanes equals the most events running at once.
enum TraceLanes {
    /// The lane of each event, aligned with `events`, numbered from 1.
    static func assign(_ events: [TraceEvent]) -> [Int] {
        let order = events.indices.sorted { left, right in
            let (a, b) = (events[left], events[right])
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end < b.end }
            return left < right
        }
        var lanes = [Int](repeating: 0, count: events.count)
        var busy = BinaryHeap<(end: ContinuousClock.Instant, lane: Int)> { $0.end < $1.end }
        var free = BinaryHeap<Int>(by: <)
        var laneCount = 0
        for index in order {
            let event = events[index]
            while let earliest = busy.first, earliest.end <= event.start {
                _ = busy.popFirst()
                free.insert(earliest.lane)
            }
            let lane: Int
            if let reused = free.popFirst() {
                lane = reused
            } else {
                laneCount += 1
                lane = laneCount
            }
            lanes[index] = lane
            busy.insert((event.end, lane))
        }
        return lanes
    }
}

/// A binary min-heap ordered by a comparison closure.
struct BinaryHeap<Element> {
    private var storage: [Element] = []
    private let precedes: (Element, Element) -> Bool

    /// Creates an empty heap whose first element is the one that precedes all others.
    init(by precedes: @escaping (Element, Element) -> Bool) {
        self.precedes = precedes
    }

    var first: Element? { storage.first }

    mutating func insert(_ element: Element) {
        storage.append(element)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(storage[child], storage[parent]) else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> Element? {
        guard !storage.isEmpty else { return nil }
        storage.swapAt(0, storage.count - 1)
        let first = storage.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < storage.count, precedes(storage[left], storage[smallest]) { smallest = left }
            if right < storage.count, precedes(storage[right], storage[smallest]) {
                smallest = right
            }
            guard smallest != parent else { break }
            storage.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}
