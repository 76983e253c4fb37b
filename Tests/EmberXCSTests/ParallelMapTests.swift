import EmberXCS
import Synchronization
import Testing

/// Runs elements on one worker: waits on the shared barrier, counts itself on the worker's
/// gauge, fails for the elements in `failing` and, when `holdsTheRest`, sleeps until
/// cancelled on the others.
private struct Endpoint: Operator {
    let name: String
    let gauge: ConcurrencyGauge
    let barrier: Barrier
    let log: EventLog
    var failing: Set<Int> = []
    var holdsTheRest = false

    func run(_ input: Int) async throws -> String {
        gauge.enter()
        defer { gauge.leave() }
        log.append("\(name) \(input)")
        await barrier.arriveAndWait()
        if failing.contains(input) { throw PlannedFailure(reason: "element \(input)") }
        if holdsTheRest { try await sleepUntilCancelled("\(name) \(input)", log: log) }
        return "\(name):\(input)"
    }
}

@Suite(.timeLimit(.minutes(1))) struct ParallelMapTests {
    private func workers(bounds: [Int], barrier: Barrier, log: EventLog = EventLog(),
                         failing: Set<Int> = [], holdsTheRest: Bool = false)
        -> ([MapWorker<Int, String>], [ConcurrencyGauge]) {
        let gauges = bounds.map { _ in ConcurrencyGauge() }
        let workers = bounds.indices.map { index in
            MapWorker("w\(index)",
                      Endpoint(name: "w\(index)", gauge: gauges[index], barrier: barrier,
                               log: log, failing: failing, holdsTheRest: holdsTheRest),
                      maximumConcurrency: bounds[index])
        }
        return (workers, gauges)
    }

    @Test func keepsInputOrderAndEachWorkersBound() async throws {
        // The first six elements meet at the barrier: all three workers full at once.
        let (workers, gauges) = workers(bounds: [1, 2, 3], barrier: Barrier(count: 6))
        let outputs = try await pmap(Array(0..<30), across: workers)
        #expect(outputs.count == 30)
        #expect(outputs.map { Int($0.split(separator: ":")[1]) } == Array(0..<30))
        #expect(gauges.map(\.peak) == [1, 2, 3])
    }

    @Test func startsElementsRoundTheWorkers() async throws {
        let (workers, _) = workers(bounds: [2, 2], barrier: Barrier(count: 4))
        let outputs = try await pmap(Array(0..<4), across: workers)
        #expect(outputs == ["w0:0", "w1:1", "w0:2", "w1:3"])
    }

    @Test func failsFastWithTheElementsIndex() async throws {
        let log = EventLog()
        // Elements 0 to 3 start; 2 fails and the others, holding, must be cancelled.
        let (workers, _) = workers(bounds: [2, 2], barrier: Barrier(count: 4), log: log,
                                   failing: [2], holdsTheRest: true)
        let error = await #expect(throws: BatchElementError.self) {
            try await pmap(Array(0..<40), across: workers)
        }
        #expect(error?.index == 2)
        #expect(error?.underlying is PlannedFailure)
        #expect(log.all.filter { $0.hasSuffix("cancelled") }.sorted()
            == ["w0 0 cancelled", "w1 1 cancelled", "w1 3 cancelled"])
    }

    @Test func collectsEveryFailureWithItsIndex() async throws {
        let (workers, _) = workers(bounds: [1, 3], barrier: Barrier(count: 1),
                                   failing: [3, 8])
        let outcome = try await pmapCollectingFailures(Array(0..<10), across: workers)
        #expect(outcome.failures.map(\.index) == [3, 8])
        #expect(!outcome.isComplete)
        #expect(outcome.outputs.enumerated().allSatisfy { index, output in
            (output == nil) == [3, 8].contains(index)
        })
    }

    @Test func cancellingTheCallerCancelsEveryWorker() async throws {
        let log = EventLog()
        let started = Barrier(count: 4)
        let (workers, _) = workers(bounds: [2, 2], barrier: started, log: log,
                                   holdsTheRest: true)
        let run = Task { try await pmap(Array(0..<10), across: workers) }
        await started.wait()
        run.cancel()
        await #expect(throws: CancellationError.self) { try await run.value }
        #expect(log.all.filter { $0.hasSuffix("cancelled") }.count == 4)
        #expect(!log.all.contains { $0.hasSuffix("finished") })
    }

    @Test func needsAWorkerForANonEmptyBatch() async throws {
        let none: [MapWorker<Int, String>] = []
        let error = await #expect(throws: MissingWorkersError.self) {
            try await pmap([1, 2], across: none)
        }
        #expect(error?.description.contains("2 elements and no worker") == true)
        #expect(try await pmap([], across: none).isEmpty)
    }
}

@Suite(.timeLimit(.minutes(1))) struct BatchMapTests {
    @Test func mapCollectingFailuresRunsEveryElement() async throws {
        let gauge = ConcurrencyGauge()
        let picky = FunctionOperator { (value: Int) -> Int in
            gauge.enter()
            defer { gauge.leave() }
            await Task.yield()
            if value.isMultiple(of: 4) { throw PlannedFailure(reason: "\(value)") }
            return value * 10
        }
        let outcome = try await picky.mapCollectingFailures(Array(0..<10), maximumConcurrency: 3)
        #expect(outcome.failures.map(\.index) == [0, 4, 8])
        #expect(outcome.outputs == [nil, 10, 20, 30, nil, 50, 60, 70, nil, 90])
        #expect(gauge.peak <= 3)
    }

    @Test func mapCancelsTheRunningElementsWhenTheCallerIsCancelled() async throws {
        let log = EventLog()
        let started = Barrier(count: 3)
        let sleeper = FunctionOperator { (value: Int) -> Int in
            started.arrive()
            try await sleepUntilCancelled("e\(value)", log: log)
            return value
        }
        let run = Task { try await sleeper.map(Array(0..<10), maximumConcurrency: 3) }
        await started.wait()
        run.cancel()
        await #expect(throws: CancellationError.self) { try await run.value }
        #expect(log.all.sorted() == ["e0 cancelled", "e1 cancelled", "e2 cancelled"])
    }
}
