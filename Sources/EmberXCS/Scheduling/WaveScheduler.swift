/// Runs the plan wave by wave: every node of a wave at once, and the next wave only when the
/// whole wave has finished.
///
/// Simple and predictable, but a wave waits for its slowest node; ``DataflowScheduler``
/// starts each node as soon as its own inputs are ready instead.
public struct WaveScheduler: Scheduler {
    /// The most nodes running at once, or `nil` for no bound.
    public var maximumConcurrency: Int?
    /// What happens when a node throws.
    public var errorPolicy: ErrorPolicy

    /// Creates a wave scheduler.
    ///
    /// - Parameters:
    ///   - maximumConcurrency: The most nodes running at once, however wide a wave is; `nil`
    ///     runs a whole wave at once. Values below 1 count as 1.
    ///   - errorPolicy: Whether the first failure stops the run (the default) or the run
    ///     collects partial results.
    public init(maximumConcurrency: Int? = nil, errorPolicy: ErrorPolicy = .failFast) {
        self.maximumConcurrency = maximumConcurrency.map { max(1, $0) }
        self.errorPolicy = errorPolicy
    }

    /// Runs each wave in a task group that holds at most `maximumConcurrency` nodes; under
    /// fail-fast the first failure cancels the rest of its wave.
    public func run(_ plan: ExecutionPlan, inputs: [String: any Sendable]) async throws
        -> GraphRun {
        var state = try RunState(plan: plan, inputs: inputs, policy: errorPolicy)
        let limit = maximumConcurrency ?? Int.max
        for range in plan.waveRanges {
            if Task.isCancelled { break }
            let wave = range.filter { !state.hasFinished($0) }
            let shouldStop = await withTaskGroup(of: NodeCompletion.self) { group in
                var next = wave.startIndex
                var running = 0
                var shouldStop = false
                while true {
                    while !shouldStop, running < limit, next < wave.endIndex {
                        let position = wave[next]
                        next += 1
                        switch state.inputs(for: position) {
                        case .failure(let error):
                            if state.record(.failure(error, position: position)) {
                                shouldStop = true
                                group.cancelAll()
                            }
                        case .success(let nodeInputs):
                            let annotations = state.annotations
                            group.addTask {
                                await NodeCompletion.run(position, of: plan, inputs: nodeInputs,
                                                         annotations: annotations)
                            }
                            running += 1
                        }
                    }
                    guard running > 0, let completion = await group.next() else { break }
                    running -= 1
                    if state.record(completion) || Task.isCancelled {
                        shouldStop = true
                        group.cancelAll()
                    }
                }
                return shouldStop
            }
            if shouldStop { break }
            var ready: [Int] = []
            for position in wave { state.release(position, into: &ready) }
        }
        if let error = state.stoppingError() { throw error }
        return try state.result()
    }
}
