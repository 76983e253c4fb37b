import Foundation

/// The benchmark's table, one row per workload.
struct ResultTable {
    let summaries: [WorkloadSummary]
    let serverDelay: Duration

    private static let header = [
        "workload", "N", "wall ms", "ratio", "req/s", "p50 ms", "max ms", "RSS MB",
        "CPU ms", "srv CPU", "errors",
    ]

    /// The table as text, columns right-aligned except the first.
    func render() -> String {
        let rows = [Self.header] + summaries.map(row)
        let widths = Self.header.indices.map { column in
            rows.map { $0[column].count }.max() ?? 0
        }
        return rows.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private func row(_ summary: WorkloadSummary) -> [String] {
        let times = summary.median.callTimes
        return [
            summary.workload.kind.rawValue,
            summary.workload.concurrency.formatted(),
            Self.format(summary.median.wallTime.milliseconds, digits: 1),
            Self.format(summary.latencyRatio(serverDelay: serverDelay), digits: 2),
            Self.format(summary.requestsPerSecond, digits: 0),
            times.isEmpty ? "-" : Self.format(times[times.count / 2].milliseconds, digits: 1),
            times.last.map { Self.format($0.milliseconds, digits: 1) } ?? "-",
            summary.peakResidentBytes.map {
                Self.format(Double($0) / 1_048_576, digits: 1)
            } ?? "?",
            Self.format(summary.median.processorTime.milliseconds, digits: 0),
            summary.median.serverProcessorTime.map {
                Self.format($0.milliseconds, digits: 0)
            } ?? "-",
            String(summary.failures),
        ]
    }

    static func format(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
