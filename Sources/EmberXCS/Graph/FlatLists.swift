/// A list of elements for each of `count` owners, held in one flat array.
///
/// List `i` is `elements[offsets[i]..<offsets[i + 1]]`. A graph of n nodes keeps its edge,
/// predecessor and successor lists this way: two allocations in all rather than one per
/// node, which is most of what compiling a large graph used to cost.
struct FlatLists<Element>: RandomAccessCollection {
    /// Where each list starts in `elements`; one more entry than there are lists.
    private(set) var offsets: [Int]
    private(set) var elements: [Element]

    var startIndex: Int { 0 }
    var endIndex: Int { offsets.count - 1 }

    subscript(owner: Int) -> ArraySlice<Element> {
        elements[offsets[owner]..<offsets[owner + 1]]
    }

    /// The length of list `owner`, without slicing it.
    func count(of owner: Int) -> Int {
        offsets[owner + 1] - offsets[owner]
    }

    /// Lists with the same lengths as `layout`'s, filled from `elements`, which holds as many
    /// elements as `layout` does, in list order. The offsets are shared, not copied.
    init<Other>(layout: FlatLists<Other>, elements: [Element]) {
        precondition(elements.count == layout.elements.count, "one element per slot")
        offsets = layout.offsets
        self.elements = elements
    }

    /// Builds the lists one after another: `body` is called once per owner, in order, and
    /// appends that owner's elements.
    init(count: Int, reservingCapacity capacity: Int = 0,
         _ body: (Int, inout [Element]) -> Void) {
        var offsets = [0]
        offsets.reserveCapacity(count + 1)
        var elements: [Element] = []
        elements.reserveCapacity(capacity)
        for owner in 0..<count {
            body(owner, &elements)
            offsets.append(elements.count)
        }
        self.offsets = offsets
        self.elements = elements
    }
}

extension FlatLists: Sendable where Element: Sendable {}

extension FlatLists where Element == Int {
    /// The positions in `owners` grouped by the list each one belongs to: list `o` holds,
    /// ascending, every `i` with `owners[i] == o`; a `nil` owner belongs to no list.
    ///
    /// - Parameters:
    ///   - count: The number of lists; every owner is in `0..<count`.
    ///   - owners: The list each position belongs to.
    init(count: Int, owners: some Collection<Int?>) {
        var offsets = [Int](repeating: 0, count: count + 1)
        for owner in owners {
            if let owner { offsets[owner + 1] += 1 }
        }
        self.init(offsets: Self.runningTotals(offsets)) { place in
            for (position, owner) in owners.enumerated() {
                if let owner { place(position, owner) }
            }
        }
    }

    /// The lists of `lists` turned around: list `j` holds, ascending, every `i` whose list
    /// holds `j`.
    ///
    /// - Parameters:
    ///   - lists: Lists whose elements are all in `0..<count`.
    ///   - count: The number of lists to make.
    init(transposing lists: FlatLists<Int>, count: Int) {
        var offsets = [Int](repeating: 0, count: count + 1)
        for element in lists.elements { offsets[element + 1] += 1 }
        self.init(offsets: Self.runningTotals(offsets)) { place in
            for owner in lists.indices {
                for element in lists.elements[lists.offsets[owner]..<lists.offsets[owner + 1]] {
                    place(owner, element)
                }
            }
        }
    }

    /// Turns counts shifted by one (`counts[o + 1]` is list `o`'s length) into offsets.
    private static func runningTotals(_ counts: [Int]) -> [Int] {
        var offsets = counts
        for index in offsets.indices.dropFirst() { offsets[index] += offsets[index - 1] }
        return offsets
    }

    /// Fills lists whose offsets are known: `fill` calls `place(element, list)` for every
    /// element, in the order the elements go within each list, exactly as many times for
    /// each list as its length.
    private init(offsets: [Int], fill: ((Int, Int) -> Void) -> Void) {
        var next = offsets
        let total = offsets.last ?? 0
        elements = [Int](unsafeUninitializedCapacity: total) { buffer, initialized in
            fill { element, list in
                buffer[next[list]] = element
                next[list] += 1
            }
            initialized = total
        }
        self.offsets = offsets
    }
}
