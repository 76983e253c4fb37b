import EmberXCS
import Synchronization
import Testing

private struct Add: Operator {
    let amount: Int
    func run(_ input: Int) async throws -> Int { input + amount }
}

private struct Describe: Operator {
    func run(_ input: Int) async throws -> String { "value \(input)" }
}

private struct Failure: Error, Equatable {}

@Suite struct CompositionTests {
    @Test func sequenceFeedsOneOutputToTheNext() async throws {
        let pipeline = (Add(amount: 1) >> Add(amount: 10)) >> Describe()
        #expect(try await pipeline(4) == "value 15")
        #expect(pipeline.descriptor.name == "Add >> Add >> Describe")
        #expect(pipeline.descriptor.input == "Int")
        #expect(pipeline.descriptor.output == "String")
    }

    @Test func parallelReturnsEveryOutputInBranchOrder() async throws {
        let fanOut = ParallelOperator<Int, Int>([
            FunctionOperator { (value: Int) in
                try await Task.sleep(for: .milliseconds(30))
                return value * 2
            },
            Add(amount: 1),
            FunctionOperator { (value: Int) in value * value },
        ])
        #expect(try await fanOut(5) == [10, 6, 25])
    }

    @Test func parallelBranchesOverlap() async throws {
        let running = Mutex((now: 0, peak: 0))
        let branch = FunctionOperator { (value: Int) -> Int in
            running.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try await Task.sleep(for: .milliseconds(20))
            running.withLock { $0.now -= 1 }
            return value
        }
        _ = try await ParallelOperator<Int, Int>(Array(repeating: branch, count: 4))(1)
        #expect(running.withLock { $0.peak } == 4)
    }

    @Test func mapKeepsOrderAndHoldsItsBound() async throws {
        let running = Mutex((now: 0, peak: 0))
        let square = FunctionOperator { (value: Int) -> Int in
            running.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...10)))
            running.withLock { $0.now -= 1 }
            return value * value
        }
        let outputs = try await square.map(Array(0..<20), maximumConcurrency: 3)
        #expect(outputs == (0..<20).map { $0 * $0 })
        #expect(running.withLock { $0.peak } == 3)
    }

    @Test func mapNamesTheFailingElement() async throws {
        let picky = FunctionOperator { (value: Int) -> Int in
            if value == 7 { throw Failure() }
            return value
        }
        let error = await #expect(throws: BatchElementError.self) {
            try await picky.map(Array(0..<10), maximumConcurrency: 2)
        }
        #expect(error?.index == 7)
        #expect(error?.underlying as? Failure == Failure())
    }
}

@Suite struct SequentialTests {
    @Test func runsStepsInOrder() async throws {
        let steps: [any Operator<Int, Int>] = [
            Add(amount: 1), FunctionOperator { (value: Int) in value * 10 }, Add(amount: 2),
        ]
        #expect(try await Sequential(steps)(3) == 42)
        #expect(try await Sequential<Int>([])(3) == 3)
    }
}
