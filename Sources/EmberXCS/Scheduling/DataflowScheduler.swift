/// Starts each node the moment all of its inputs are ready, so a short branch never waits
/// for a long sibling.
///
/// One task group holds the running nodes; the loop that owns it keeps the run's state
/// (remaining-input counts, outputs, the ready queue) without locks or actor hops, and adds a
/// task only while fewer than `maximumConcurrency` nodes run. Successor lists and input
/// counts come precomputed from the plan, so each finished node costs time proportional to
/// its own edges, whatever the size of the graph.
public struct DataflowScheduler: Scheduler {
    /// The most nodes running at once, or `nil` for no bound.
    public var maximumConcurrency: Int?
    /// What happens when a node throws.
    public var errorPolicy: ErrorPolicy

    /// Creates a dataflow scheduler.
    ///
    /// - Parameters:
    ///   - maximumConcurrency: The most nodes running at once, however wide the graph is;
    ///     `nil` runs every ready node at once. Values below 1 count as 1.
    ///   - errorPolicy: Whether the first failure stops the run (the default) or the run
    ///     collects partial results.
    public init(maximumConcurrency: Int? = nil, errorPolicy: ErrorPolicy = .failFast) {
        self.maximumConcurrency = maximumConcurrency.map { max(1, $0) }
        self.errorPolicy = errorPolicy
    }

    /// Runs the plan; ready nodes start in plan order, as concurrency allows. Under fail-fast
    /// the first failure cancels every running node and starts no other.
    public func run(_ plan: ExecutionPlan, inputs: [String: any Sendable]) async throws
        -> GraphRun {
        var state = try RunState(plan: plan, inputs: inputs, policy: errorPolicy)
        let limit = maximumConcurrency ?? Int.max
        var ready = plan.sourcePositions
        ready.reserveCapacity(plan.nodeCount)
        await withTaskGroup(of: NodeCompletion.self) { group in
            var next = 0
            var running = 0
            var isStopping = false
            while true {
                while !isStopping, running < limit, next < ready.count {
                    let position = ready[next]
                    next += 1
                    switch state.inputs(for: position) {
                    case .failure(let error):
                        if state.record(.failure(error, position: position)) {
                            isStopping = true
                            group.cancelAll()
                        } else {
                            state.release(position, into: &ready)
                        }
                    case .success(let nodeInputs):
                        let operation = plan.steps[position].operation
                        let nodeID = plan.steps[position].id
                        let annotations = state.annotations
                        group.addTask {
                            await NodeCompletion.run(
                                operation, nodeID: nodeID, position: position,
                                inputs: nodeInputs, annotations: annotations
                            )
                        }
                        running += 1
                    }
                }
                guard running > 0, let completion = await group.next() else { break }
                running -= 1
                if state.record(completion) || Task.isCancelled {
                    isStopping = true
                    group.cancelAll()
                } else if !isStopping {
                    state.release(completion.position, into: &ready)
                }
            }
        }
        if let error = state.stoppingError() { throw error }
        return try state.result()
    }
}
