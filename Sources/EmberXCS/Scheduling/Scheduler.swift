/// Runs a compiled ``ExecutionPlan``.
///
/// Three schedulers ship: ``SerialScheduler`` (one node at a time, in plan order),
/// ``WaveScheduler`` (each wave concurrently, one wave after another) and
/// ``DataflowScheduler`` (each node as soon as its inputs are ready). All give the same
/// outputs for the same plan; they differ in how much runs at once.
///
/// Every scheduler uses structured concurrency only: when `run` returns or throws, no node is
/// still running, and cancelling the task that called `run` cancels every running node.
public protocol Scheduler: Sendable {
    /// Runs every node of `plan` once and returns their outputs and the trace.
    ///
    /// - Parameters:
    ///   - plan: The plan to run; it can be shared by runs going on at the same time.
    ///   - inputs: A value for each of the plan's graph inputs, by name.
    /// - Returns: The run's outputs, each node's output and, under
    ///   ``ErrorPolicy/collectPartial``, the failures and the skipped nodes.
    /// - Throws: ``ExecutionError`` for a missing graph input; ``NodeFailure`` for the first
    ///   node to fail under ``ErrorPolicy/failFast``; `CancellationError` when the calling
    ///   task is cancelled.
    func run(_ plan: ExecutionPlan, inputs: [String: any Sendable]) async throws -> GraphRun
}

extension Scheduler {
    /// Compiles `graph` and runs the plan.
    ///
    /// Compile once and call ``run(_:inputs:)`` with the plan when running a graph often.
    ///
    /// - Throws: ``GraphError`` when the graph is invalid, and whatever
    ///   ``run(_:inputs:)`` throws.
    public func run(_ graph: Graph, inputs: [String: any Sendable] = [:]) async throws
        -> GraphRun {
        try await run(graph.compile(), inputs: inputs)
    }
}
