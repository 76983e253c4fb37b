import BenchmarkSupport
import EmberModels
import Foundation

// EmberBench: N concurrent model calls through ModelService against a loopback server that
// answers each after a fixed delay. See BENCHMARKS.md; scripts/bench.sh runs it.

let options: BenchmarkOptions
do {
    guard let parsed = try BenchmarkOptions.parse(
        Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment)
    else {
        print(BenchmarkOptions.help)
        exit(0)
    }
    options = parsed
} catch {
    FileHandle.standardError.write(Data("""
        Error: \(error)
        \(BenchmarkOptions.usage)
        Run 'EmberBench --help' for the options.

        """.utf8))
    exit(64)
}

let workloads = [
    Workload(kind: .complete, concurrency: 10),
    Workload(kind: .complete, concurrency: 100),
    Workload(kind: .complete, concurrency: 1_000),
    Workload(kind: .stream, concurrency: 100),
    Workload(kind: .rawHTTP, concurrency: 1_000),
]
let maximumConcurrency = 2_000
let runner = BatchRunner(
    target: BenchmarkTarget(baseURL: options.baseURL, maximumConcurrency: maximumConcurrency),
    timeout: options.runTimeout, serverPID: options.serverPID)

/// Writes one run's progress line to stderr, with its start time for the server's trace.
func log(_ label: String, _ workload: Workload, _ result: RunResult) {
    let wall = ResultTable.format(result.wallTime.milliseconds, digits: 1)
    let started = ResultTable.format(result.startDate.timeIntervalSince1970, digits: 6)
    let line = "\(label)  \(workload.name): \(wall) ms, \(result.failures) failed, "
        + "started at \(started)\n"
    FileHandle.standardError.write(Data(line.utf8))
}

/// The 1-minute load average (Linux), to judge how noisy a shared machine was.
let loadAverage = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
    .split(separator: " ").first.map(String.init) ?? "unknown"

// One warm-up round, then rounds of every workload in turn, so that drift in a shared
// machine's load spreads over all workloads alike.
var warmUps: [RunResult] = []
for workload in workloads {
    let result = await runner.run(workload)
    log("warm-up", workload, result)
    warmUps.append(result)
}
var runs = Array(repeating: [RunResult](), count: workloads.count)
for round in 1...options.repetitions {
    for (index, workload) in workloads.enumerated() {
        let result = await runner.run(workload)
        log("round \(round)", workload, result)
        runs[index].append(result)
    }
}

let summaries = workloads.indices.map {
    WorkloadSummary(workload: workloads[$0], warmUp: warmUps[$0], runs: runs[$0])
}
let delay = ResultTable.format(options.serverDelay.milliseconds, digits: 0)
print("""
    EmberBench: \(options.baseURL), server delay \(delay) ms, median of \(options.repetitions) \
    runs after 1 warm-up
    limits raised to \(maximumConcurrency): RateLimits.maximumConcurrency and \
    HTTPClient.maximumConnectionsPerHost; retries off
    \(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average \(loadAverage) \
    at the start; CPU ms: this process, srv CPU: the server's

    """)
print(ResultTable(summaries: summaries, serverDelay: options.serverDelay).render())
print("")

let service = summaries.first {
    $0.workload.kind == .complete && $0.workload.concurrency == 1_000
}
let raw = summaries.first { $0.workload.kind == .rawHTTP }
if let service, let raw {
    let ratio = service.median.wallTime / raw.median.wallTime
    let formatted = ResultTable.format(ratio, digits: 2)
    print("ModelService / HTTPClient wall time at N = 1,000: \(formatted)")
    let processorRatio = service.median.processorTime / raw.median.processorTime
    let processor = ResultTable.format(processorRatio, digits: 2)
    print("ModelService / HTTPClient CPU time at N = 1,000: \(processor)")
}
let peak = summaries.compactMap(\.peakResidentBytes).max()
    .map { ResultTable.format(Double($0) / 1_048_576, digits: 1) + " MB" } ?? "unknown"
print("process peak RSS: \(peak)"
      + (PeakMemory.isResettable ? " (each row: its own runs; high-water mark reset)" : ""))
for summary in summaries {
    if let failure = summary.firstFailure {
        print("first error in '\(summary.workload.name)': \(failure)")
    }
}

// The model layer's own CPU per call, with no network (see InMemoryModelLayer).
print("\nModel layer per call, in memory (µs; ModelService.complete against the bare transport)")
print("concurrency  service  transport  difference")
for concurrency in [1, 1_000] {
    var measurements: [(service: Double, transport: Double)] = []
    for _ in 0..<max(3, options.repetitions) {
        measurements.append(try await InMemoryModelLayer.measure(calls: 20_000,
                                                                 concurrency: concurrency))
    }
    let service = measurements.map(\.service).sorted()[measurements.count / 2]
    let transport = measurements.map(\.transport).sorted()[measurements.count / 2]
    print(String(concurrency).padding(toLength: 13, withPad: " ", startingAt: 0)
          + ResultTable.format(service, digits: 1).padding(toLength: 9, withPad: " ",
                                                            startingAt: 0)
          + ResultTable.format(transport, digits: 1).padding(toLength: 11, withPad: " ",
                                                              startingAt: 0)
          + ResultTable.format(service - transport, digits: 1))
}
