/// Finds the cycles of a directed graph given as successor lists over node indices.
///
/// It reports one cycle per strongly connected component that has one, so a tangle of many
/// loops yields a short, readable list rather than every loop in it.
enum CycleFinder {
    /// One cycle per cyclic component, each starting and ending at the component's
    /// lowest-numbered node, ordered by that node.
    ///
    /// A self-loop yields `[node, node]`. Runs in time linear in nodes plus edges.
    static func cycles(successors: [[Int]]) -> [[Int]] {
        let components = stronglyConnectedComponents(successors: successors)
        var component = [Int](repeating: -1, count: successors.count)
        for (number, members) in components.enumerated() {
            for node in members { component[node] = number }
        }
        var cycles: [[Int]] = []
        for members in components {
            guard let start = members.min() else { continue }
            let isCyclic = members.count > 1 || successors[start].contains(start)
            guard isCyclic else { continue }
            let inside = { (node: Int) in component[node] == component[start] }
            if let cycle = shortestCycle(through: start, successors: successors, within: inside) {
                cycles.append(cycle)
            }
        }
        return cycles.sorted { $0[0] < $1[0] }
    }

    /// The shortest path from `start` back to itself, through nodes for which `within` holds.
    private static func shortestCycle(
        through start: Int,
        successors: [[Int]],
        within: (Int) -> Bool
    ) -> [Int]? {
        var parent: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in successors[node] where within(next) {
                if next == start {
                    var chain: [Int] = []
                    var step = node
                    while step != start {
                        chain.append(step)
                        step = parent[step] ?? start
                    }
                    return [start] + Array(chain.reversed()) + [start]
                }
                if parent[next] == nil {
                    parent[next] = node
                    queue.append(next)
                }
            }
        }
        return nil
    }

    /// Tarjan's algorithm, iterative so that long chains cannot overflow the stack.
    static func stronglyConnectedComponents(successors: [[Int]]) -> [[Int]] {
        let count = successors.count
        var order = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var isOnStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var nextOrder = 0
        var frames: [(node: Int, nextEdge: Int)] = []

        func visit(_ node: Int) {
            order[node] = nextOrder
            lowLink[node] = nextOrder
            nextOrder += 1
            stack.append(node)
            isOnStack[node] = true
            frames.append((node, 0))
        }

        for root in 0..<count where order[root] < 0 {
            visit(root)
            while let (node, edge) = frames.last {
                if edge < successors[node].count {
                    frames[frames.count - 1].nextEdge += 1
                    let next = successors[node][edge]
                    if order[next] < 0 {
                        visit(next)
                    } else if isOnStack[next] {
                        lowLink[node] = min(lowLink[node], order[next])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node {
                    lowLink[parent] = min(lowLink[parent], lowLink[node])
                }
                guard lowLink[node] == order[node] else { continue }
                var members: [Int] = []
                while let member = stack.popLast() {
                    isOnStack[member] = false
                    members.append(member)
                    if member == node { break }
                }
                components.append(members)
            }
        }
        return components
    }
}
