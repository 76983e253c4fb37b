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

    /// Groups `pairs` into lists by owner, keeping their order within each list.
    ///
    /// - Parameters:
    ///   - count: The number of lists; every owner in `pairs` is in `0..<count`.
    ///   - pairs: Each element with the list it belongs to.
    init(count: Int, grouping pairs: some Collection<(owner: Int, element: Element)>) {
        var offsets = [Int](repeating: 0, count: count + 1)
        for pair in pairs { offsets[pair.owner + 1] += 1 }
        for owner in 0..<count { offsets[owner + 1] += offsets[owner] }
        var next = offsets
        let total = offsets[count]
        // Every slot is written exactly once: the counts above are the lists' lengths.
        elements = Array(unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for pair in pairs {
                (base + next[pair.owner]).initialize(to: pair.element)
                next[pair.owner] += 1
            }
            initialized = total
        }
        self.offsets = offsets
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
