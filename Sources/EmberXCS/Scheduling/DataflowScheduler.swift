/// Starts each node the moment all of its inputs are ready, so a short branch never waits
/// for a long sibling.
///
/// Nodes run on worker child tasks of one discarding task group. A worker that finishes a node
/// records it, releases the node's successors and runs the next ready node itself; the
/// scheduler's task starts more workers only when more nodes are ready than workers are there
/// to take them and `maximumConcurrency` allows. A new worker takes its first node itself. So
/// a chain, or a fan-out under a bound, runs on a few tasks however many nodes it has, while a
/// wide fan-out of slow nodes still gets a task per node.
/// Successor lists and input counts come precomputed from the plan, and the shared state sits
/// behind one lock taken once per finished node: no actor hop, no scan of the graph.
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
        let coordinator = DataflowCoordinator(
            run: try RunState(plan: plan, inputs: inputs, policy: errorPolicy),
            maximumConcurrency: maximumConcurrency
        )
        // The throwing group, though no worker throws: a worker's closure then already has
        // the type the group's tasks are created with, and needs no thunk (an allocation
        // per node) to adapt it.
        try await withThrowingDiscardingTaskGroup { group in
            while true {
                switch await coordinator.nextAction() {
                case .launch(let workers):
                    for _ in 0..<workers {
                        group.addTask { await Self.work(for: coordinator) }
                    }
                case .stop:
                    group.cancelAll()
                case .finish:
                    return
                }
            }
        }
        let state = coordinator.run
        if let error = state.stoppingError() { throw error }
        return try state.result()
    }

    /// One worker: takes a ready node, runs it, then runs each node the coordinator hands
    /// it, until none is ready.
    private static func work(for coordinator: DataflowCoordinator) async {
        var job = coordinator.start()
        while let current = job {
            let completion = await coordinator.perform(current)
            job = coordinator.complete(completion)
        }
    }
}
