import EmberModels
import EmberXCS
import Foundation

/// The shape of a graph of trivial nodes.
enum GraphShape: String, CaseIterable {
    /// Each node reads the one before it.
    case chain
    /// One source feeds every other node.
    case fanOut = "fan-out"

    /// A graph of `count` nodes that add 1 to what they read.
    func graph(nodes count: Int) -> Graph {
        var graph = Graph()
        graph.addInput("x", type: Int.self)
        let increment: NodeOperation = { inputs in
            (inputs.first as? Int ?? 0) + 1
        }
        var previous: String?
        for index in 0..<count {
            let id = "n\(index)"
            graph.addNode(id: id, operation: increment)
            switch (self, previous) {
            case (_, nil):
                graph.connect(.input("x"), to: id)
            case (.chain, let previous?):
                graph.connect(.node(previous), to: id)
            case (.fanOut, _):
                graph.connect(.node("n0"), to: id)
            }
            previous = id
        }
        graph.addOutput(.node(previous ?? "n0"), name: "last")
        return graph
    }
}

/// Which scheduler runs a workload.
enum SchedulerKind: String, CaseIterable {
    case serial, dataflow

    func make(maximumConcurrency: Int? = nil) -> any Scheduler {
        switch self {
        case .serial: SerialScheduler()
        case .dataflow: DataflowScheduler(maximumConcurrency: maximumConcurrency)
        }
    }
}

/// Times one closure on the monotonic clock.
func measure(_ body: () async throws -> Void) async rethrows -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    return clock.now - start
}

/// The median of some measurements.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count.isMultiple(of: 2)
        ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
}

/// Formats a number with a fixed count of decimals.
func format(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
