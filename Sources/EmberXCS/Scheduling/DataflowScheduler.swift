/// Starts each node the moment all of its inputs are ready, so a short branch never waits
/// for a long sibling.
///
/// Nodes run on worker child tasks of one discarding task group. A worker that finishes a node
/// records it, releases the node's successors and runs the next ready node itself; the
/// scheduler's task starts another worker only when more nodes are ready than workers run and
/// `maximumConcurrency` allows. So a chain, or a fan-out under a bound, runs on a few tasks
/// however many nodes it has, while a wide fan-out of slow nodes still gets a task per node.
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
        await withDiscardingTaskGroup { group in
            while true {
                switch await coordinator.nextAction() {
                case .launch(let position, let nodeInputs):
                    group.addTask {
                        await Self.work(from: position, inputs: nodeInputs, plan: plan,
                                        coordinator: coordinator)
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

    /// One worker: runs its first node, then each node the coordinator hands it, until none
    /// is ready.
    private static func work(
        from position: Int,
        inputs: NodeInputs,
        plan: ExecutionPlan,
        coordinator: DataflowCoordinator
    ) async {
        var job: DataflowCoordinator.Job? = DataflowCoordinator.Job(position: position,
                                                                     inputs: inputs)
        let annotations = coordinator.annotations
        while let current = job {
            let completion = await NodeCompletion.run(
                plan.operations[current.position], nodeID: plan.ids[current.position],
                position: current.position,
                inputs: current.inputs, annotations: annotations
            )
            job = coordinator.complete(completion)
        }
    }
}
