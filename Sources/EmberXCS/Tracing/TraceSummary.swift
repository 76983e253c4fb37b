/// The shape of a run at a glance: how long it took, how much work it did, how parallel it
/// was and which chain of nodes bounded it.
///
/// Its description is a small table:
///
/// ```text
/// metric         value
/// -------------  --------------------------------
/// nodes          4 (4 succeeded)
/// wall time      61.2 ms
/// total work     90.5 ms
/// parallelism    1.48
/// critical path  60.3 ms: a -> b -> d
/// ```
public struct TraceSummary: Sendable, CustomStringConvertible {
    /// The ids along the longest chain of dependencies, weighted by duration, first to last.
    public var criticalPath: [String]
    /// The summed duration of the nodes on the critical path.
    public var criticalPathDuration: Duration
    /// The sum of every node's duration.
    public var totalWork: Duration
    /// The time from the start of the run to its end.
    public var wallTime: Duration
    /// Total work divided by wall time: 1 for a serial run, up to the width of the graph.
    public var parallelism: Double
    /// How many events ended each way, keyed by ``NodeOutcome/name``.
    public var outcomeCounts: [String: Int]
    /// The number of events.
    public var nodeCount: Int

    /// Summarises a trace.
    public init(_ trace: Trace) {
        let events = trace.events
        nodeCount = events.count
        totalWork = trace.totalWork
        wallTime = trace.wallTime
        let wall = Self.seconds(wallTime)
        parallelism = wall > 0 ? Self.seconds(totalWork) / wall : 0
        outcomeCounts = events.reduce(into: [:]) { $0[$1.outcome.name, default: 0] += 1 }

        let positions = Dictionary(events.enumerated().map { ($1.nodeID, $0) }) { first, _ in
            first
        }
        var longest = [Duration](repeating: .zero, count: events.count)
        var previous = [Int?](repeating: nil, count: events.count)
        for (index, event) in events.enumerated() {
            var best = Duration.zero
            for dependency in event.dependencies {
                guard let position = positions[dependency], position < index else { continue }
                if previous[index] == nil || longest[position] > best {
                    best = longest[position]
                    previous[index] = position
                }
            }
            longest[index] = best + event.duration
        }
        var path: [String] = []
        var cursor = longest.indices.max { longest[$0] < longest[$1] }
        criticalPathDuration = cursor.map { longest[$0] } ?? .zero
        while let index = cursor {
            path.append(events[index].nodeID)
            cursor = previous[index]
        }
        criticalPath = path.reversed()
    }

    /// The summary as a two-column table.
    public var description: String {
        let order = ["succeeded", "failed", "cancelled", "skipped"]
        let counts = order.compactMap { name in
            outcomeCounts[name].map { "\($0) \(name)" }
        }
        let nodes = counts.isEmpty ? "0" : "\(nodeCount) (" + counts.joined(separator: ", ") + ")"
        let path = criticalPath.isEmpty
            ? "none"
            : Self.format(criticalPathDuration) + ": " + criticalPath.joined(separator: " -> ")
        let rows = [
            ("nodes", nodes),
            ("wall time", Self.format(wallTime)),
            ("total work", Self.format(totalWork)),
            ("parallelism", Self.format(parallelism, decimals: 2)),
            ("critical path", path),
        ]
        return TextTable(header: ("metric", "value"), rows: rows).description
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    /// A duration in the unit that keeps it readable: `850.0 µs`, `12.3 ms`, `1.25 s`.
    static func format(_ duration: Duration) -> String {
        let seconds = seconds(duration)
        switch abs(seconds) {
        case ..<1e-3: return format(seconds * 1e6, decimals: 1) + " µs"
        case ..<1: return format(seconds * 1e3, decimals: 1) + " ms"
        default: return format(seconds, decimals: 2) + " s"
        }
    }

    /// A number rounded to `decimals` places, without Foundation's locale-dependent formats.
    static func format(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return "\(sign)\(whole)" }
        let fraction = String(scaled % Int(scale))
        let padded = String(repeating: "0", count: decimals - fraction.count) + fraction
        return "\(sign)\(whole).\(padded)"
    }
}
