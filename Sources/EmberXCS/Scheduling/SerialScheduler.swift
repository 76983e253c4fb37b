/// Runs one node at a time, in the plan's topological order, on the calling task.
///
/// The baseline the other schedulers are checked against, and the one to use when nodes
/// must not overlap (a rate-limited resource, a debugger session).
public struct SerialScheduler: Scheduler {
    /// What happens when a node throws.
    public var errorPolicy: ErrorPolicy

    /// Creates a serial scheduler.
    ///
    /// - Parameter errorPolicy: Whether the first failure stops the run (the default) or the
    ///   run collects partial results.
    public init(errorPolicy: ErrorPolicy = .failFast) {
        self.errorPolicy = errorPolicy
    }

    /// Runs each node in turn; cancellation is checked before each one and reaches the
    /// running node's operation.
    public func run(_ plan: ExecutionPlan, inputs: [String: any Sendable]) async throws
        -> GraphRun {
        var state = try RunState(plan: plan, inputs: inputs, policy: errorPolicy)
        var ready: [Int] = []
        for position in 0..<plan.nodeCount where !state.hasFinished(position) {
            if Task.isCancelled { break }
            let completion: NodeCompletion
            switch state.inputs(for: position) {
            case .failure(let error):
                completion = .failure(error, position: position)
            case .success(let nodeInputs):
                completion = await NodeCompletion.run(position, of: plan, inputs: nodeInputs,
                                                      annotations: state.annotations)
            }
            if state.record(completion) || Task.isCancelled { break }
            state.release(position, into: &ready)
        }
        if let error = state.stoppingError() { throw error }
        return try state.result()
    }
}
