import BenchmarkSupport
import EmberModels
import EmberOperators
import EmberXCS
import Foundation

// EmberEngineBench: the XCS engine's own cost per node, how well it hides latency, how
// concurrent an ensemble's fan-out is, and what the JIT saves. In-process only; see
// BENCHMARKS.md.
// Usage: EmberEngineBench [--quick] [--jit | --engine | --latency | --first-call]
//                         [--only ROW]
//   --quick: smaller sizes, one repetition; --jit, --engine, --latency: that section only
//   (the engine overhead, latency hiding), for profiling one of them; --first-call: only
//   the first calls of 10,000-node graphs, 60 of each, split into their parts; --only: only
//   the engine-overhead and first-call rows named ROW (shape-scheduler-nodes, such as
//   chain-serial-10000) or whose name goes on from it (chain, chain-serial), to profile
//   one row alone.

let isQuick = CommandLine.arguments.contains("--quick")
let isJITOnly = CommandLine.arguments.contains("--jit")
let isEngineOnly = CommandLine.arguments.contains("--engine")
let isLatencyOnly = CommandLine.arguments.contains("--latency")
let isFirstCallOnly = CommandLine.arguments.contains("--first-call")
let isAll = !isJITOnly && !isEngineOnly && !isLatencyOnly && !isFirstCallOnly
let onlyRow = CommandLine.arguments.firstIndex(of: "--only").flatMap { index in
    CommandLine.arguments.dropFirst(index + 1).first
}
/// Whether the row of this shape, scheduler and size is to run.
func isSelected(_ shape: GraphShape, _ kind: SchedulerKind, nodes: Int) -> Bool {
    guard let onlyRow else { return true }
    let name = "\(shape.rawValue)-\(kind.rawValue)-\(nodes)"
    return name == onlyRow || name.hasPrefix(onlyRow + "-")
}
let repetitions = isQuick ? 1 : 5
/// Runs of an engine-overhead row: smaller graphs run more often, about 200,000 nodes a row,
/// so that neither the allocator's slower first runs at a new size nor one preempted run sets
/// the median.
func engineRepetitions(nodes: Int) -> Int {
    isQuick ? 1 : max(repetitions, 200_000 / nodes)
}
let sizes = isQuick ? [100, 1_000, 10_000] : [100, 1_000, 10_000, 100_000]
let reproduce = "swift build -c release -j 2 --scratch-path /tmp/build-jit-rel "
    + "--product EmberEngineBench && /tmp/build-jit-rel/release/EmberEngineBench"

print("EmberEngineBench: \(ProcessInfo.processInfo.activeProcessorCount) CPUs"
      + (isFirstCallOnly ? "\n" : ", median of \(repetitions) runs; 'first' builds, compiles "
          + "and runs a new graph, 'later' runs its compiled plan again\n"))

// 0. The JIT: 8 drafts one after another on the question, then a judge, on a 100 ms model.
if isAll || isJITOnly {
    let modelLatency = Duration.milliseconds(100)
    print("JIT (8 drafts asked one after another, then a judge; 100 ms test model; "
          + "walls in model latencies)")
    print("plain    jit first  jit second  first ÷ second  second ÷ first")
    var jitMeasurements: [JITMeasurement] = []
    for _ in 0..<repetitions {
        jitMeasurements.append(try await measureJIT(latency: modelLatency))
    }
    let jitFirst = median(jitMeasurements.map(\.first))
    let jitSecond = median(jitMeasurements.map(\.second))
    print(format(median(jitMeasurements.map(\.plain)), 3).padding(toLength: 9, withPad: " ",
                                                                   startingAt: 0)
          + format(jitFirst, 3).padding(toLength: 11, withPad: " ", startingAt: 0)
          + format(jitSecond, 3).padding(toLength: 12, withPad: " ", startingAt: 0)
          + format(jitFirst / jitSecond, 2).padding(toLength: 16, withPad: " ", startingAt: 0)
          + format(jitSecond / jitFirst, 3))
    print("\nJIT overhead (µs per operator call; a function making N calls of trivial operators "
          + "on its argument)")
    print("N        plain    jit first  jit second")
    for count in [100, 1_000, 10_000] {
        var overheads: [JITMeasurement] = []
        for _ in 0..<repetitions {
            overheads.append(try await measureJITOverhead(calls: count))
        }
        print(String(count).padding(toLength: 9, withPad: " ", startingAt: 0)
              + format(median(overheads.map(\.plain)), 3).padding(toLength: 9, withPad: " ",
                                                                startingAt: 0)
              + format(median(overheads.map(\.first)), 3).padding(toLength: 11, withPad: " ",
                                                                startingAt: 0)
              + format(median(overheads.map(\.second)), 3))
    }
    if isJITOnly {
        print("\nReproduce: \(reproduce) --jit")
        exit(0)
    }
    print("")
}

// 1. Engine overhead on trivial nodes.
if isAll || isEngineOnly {
    print("ENGINE OVERHEAD (µs per node; first = build + compile + first run; "
          + "peak RSS of one more first call, untimed; "
          + (isQuick ? "one run)" : "median of max(\(repetitions), 200,000 ÷ nodes) runs)"))
    print("shape     scheduler   nodes     first µs   later µs   build    compile  1st run  "
          + "peak MB")
    for shape in GraphShape.allCases {
        for kind in SchedulerKind.allCases {
            for size in sizes {
                guard isSelected(shape, kind, nodes: size) else { continue }
                var calls: [FirstCall] = []
                var laters: [Double] = []
                for _ in 0..<engineRepetitions(nodes: size) {
                    let (call, plan, scheduler) = try await firstCall(shape: shape, kind: kind,
                                                                      nodes: size)
                    calls.append(call)
                    let later = try await measure {
                        _ = try await scheduler.run(plan, inputs: ["x": 0])
                    }
                    laters.append(later.seconds * 1e6 / Double(size))
                }
                // The peak of one more first call, untimed: resetting and reading the
                // high-water mark between timed calls changed where the heap's chunks fell,
                // and cost the next calls page faults (about 1.6 times as many at 10,000 nodes).
                PeakMemory.reset()
                _ = try await firstCall(shape: shape, kind: kind, nodes: size)
                let peak = PeakMemory.current() ?? 0
                let (firsts, builds) = (calls.map(\.total), calls.map(\.build))
                let (compiles, firstRuns) = (calls.map(\.compile), calls.map(\.run))
                let row = [shape.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                           kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0),
                           String(size).padding(toLength: 10, withPad: " ", startingAt: 0),
                           format(median(firsts), 3).padding(toLength: 11, withPad: " ",
                                                             startingAt: 0),
                           format(median(laters), 3).padding(toLength: 11, withPad: " ",
                                                             startingAt: 0),
                           format(median(builds), 3).padding(toLength: 9, withPad: " ",
                                                             startingAt: 0),
                           format(median(compiles), 3).padding(toLength: 9, withPad: " ",
                                                               startingAt: 0),
                           format(median(firstRuns), 3).padding(toLength: 9, withPad: " ",
                                                                startingAt: 0),
                           format(Double(peak) / 1_048_576, 1)]
                print(row.joined())
            }
        }
    }
}

// 1b. First calls alone, many of them: the engine table's first-call cells, less noisy.
if isFirstCallOnly {
    let (nodes, runs) = (10_000, 60)
    print("FIRST CALLS (\(nodes) nodes, µs per node, median of \(runs) new graphs each built, "
          + "compiled and run once, nothing else between them)")
    print("shape     scheduler   first    build    compile  run")
    for shape in GraphShape.allCases {
        for kind in SchedulerKind.allCases {
            guard isSelected(shape, kind, nodes: nodes) else { continue }
            let calls = try await measureFirstCalls(shape: shape, kind: kind, nodes: nodes,
                                                    runs: runs)
            let cells = [median(calls.map(\.total)), median(calls.map(\.build)),
                         median(calls.map(\.compile)), median(calls.map(\.run))]
            print(shape.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                  + cells.dropLast().map {
                      format($0, 3).padding(toLength: 9, withPad: " ", startingAt: 0)
                  }.joined()
                  + format(cells[cells.count - 1], 3))
        }
    }
    print("\nReproduce: \(reproduce) --first-call")
    exit(0)
}

// 2. Latency hiding: K independent nodes that each wait 50 ms.
if isAll || isLatencyOnly {
    print("\nLATENCY HIDING (K independent 50 ms waits, dataflow, no bound: wall ÷ 50 ms; "
          + "baseline: the same waits in a bare task group; launch: ms until the last wait "
          + "began, drain: ms from the last wait's end to the run's; CPU: µs of process time per "
          + "node)")
    print("wait        K        first     later     baseline  later ÷ baseline  "
          + "launch ms (later, base)  drain ms (later, base)  CPU µs (later, base)")
    let wait = Duration.milliseconds(50)
    let eventLoop = EventLoopWait()
    let probe = WaitProbe()
    let waits: [(name: String, body: @Sendable () async throws -> Void)] = [
        ("event loop", { await eventLoop.wait(wait) }),
        ("Task.sleep", { try await Task.sleep(for: wait) }),
    ]
    for (name, waitOnce) in waits {
        for count in [4, 16, 64, 256, 1_024] {
            var graph = Graph()
            graph.addInput("x")
            for index in 0..<count {
                graph.addNode(id: "w\(index)") { _ in
                    try await probe.around(waitOnce)
                    return index
                }
            }
            var firsts: [Double] = []
            var laters: [Double] = []
            var baselines: [Double] = []
            var launches: (later: [Double], baseline: [Double]) = ([], [])
            var drains: (later: [Double], baseline: [Double]) = ([], [])
            var cpus: (later: [Double], baseline: [Double]) = ([], [])
            for _ in 0..<repetitions {
                let scheduler = DataflowScheduler()
                var plan: ExecutionPlan?
                let first = try await measure {
                    let compiled = try graph.compile()
                    _ = try await scheduler.run(compiled, inputs: ["x": 0])
                    plan = compiled
                }
                let later = try await probe.measure {
                    _ = try await scheduler.run(plan!, inputs: ["x": 0])
                }
                let baseline = try await probe.measure {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for index in 0..<count {
                            group.addTask {
                                try await probe.around(waitOnce)
                                return index
                            }
                        }
                        for try await _ in group {}
                    }
                }
                firsts.append(first / wait)
                laters.append(later.wall / wait)
                baselines.append(baseline.wall / wait)
                launches.later.append(later.launch)
                launches.baseline.append(baseline.launch)
                drains.later.append(later.drain)
                drains.baseline.append(baseline.drain)
                cpus.later.append(later.cpu * 1e3 / Double(count))
                cpus.baseline.append(baseline.cpu * 1e3 / Double(count))
            }
            print(name.padding(toLength: 12, withPad: " ", startingAt: 0)
                  + String(count).padding(toLength: 9, withPad: " ", startingAt: 0)
                  + format(median(firsts), 3).padding(toLength: 10, withPad: " ", startingAt: 0)
                  + format(median(laters), 3).padding(toLength: 10, withPad: " ", startingAt: 0)
                  + format(median(baselines), 3).padding(toLength: 10, withPad: " ",
                                                          startingAt: 0)
                  + format(median(laters) / median(baselines), 3)
                      .padding(toLength: 18, withPad: " ", startingAt: 0)
                  + (format(median(launches.later), 2) + ", "
                     + format(median(launches.baseline), 2))
                      .padding(toLength: 25, withPad: " ", startingAt: 0)
                  + (format(median(drains.later), 2) + ", "
                     + format(median(drains.baseline), 2))
                      .padding(toLength: 24, withPad: " ", startingAt: 0)
                  + format(median(cpus.later), 2) + ", " + format(median(cpus.baseline), 2))
        }
    }
}

// 3. An ensemble's fan-out through ModelService over a test model with 200 ms latency.
if isAll {
    print("\nENSEMBLE FAN-OUT (UniformEnsemble over a 200 ms test model: wall ÷ one call's wall)")
    print("samples  ratio")
    let service = SleepingModel.service(latency: .milliseconds(200))
    let model = ModelID(provider: "sleep", model: "m")
    var single: [Double] = []
    for _ in 0..<repetitions {
        let ensemble = UniformEnsemble(count: 1,
                                       caller: ModelCaller(service: service, model: model))
        single.append(try await measure { _ = try await ensemble("Q") }.seconds)
    }
    for count in [5, 50, 500] {
        var walls: [Double] = []
        for _ in 0..<repetitions {
            let ensemble = UniformEnsemble(count: count,
                                           caller: ModelCaller(service: service, model: model))
            walls.append(try await measure { _ = try await ensemble("Q") }.seconds)
        }
        print(String(count).padding(toLength: 9, withPad: " ", startingAt: 0)
              + format(median(walls) / median(single), 3))
    }
}
print("\nReproduce: \(reproduce)")
