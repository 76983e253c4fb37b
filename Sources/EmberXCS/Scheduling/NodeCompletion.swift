/// How one node's operation ended, reported by the task that ran it.
struct NodeCompletion: Sendable {
    /// The node's position in the plan.
    var position: Int
    /// The node's output, or the error it threw.
    var result: Result<any Sendable, any Error>
    var start: Timestamp
    var end: Timestamp
    /// Whether the node stopped because it was cancelled rather than because it failed.
    var wasCancelled: Bool

    /// Runs the operation of the plan's step at `position` with its ``NodeContext`` bound,
    /// timing it on the monotonic clock.
    @inline(__always)
    static func run(
        _ position: Int,
        of plan: ExecutionPlan,
        inputs: NodeInputs,
        annotations: AnnotationStore
    ) async -> NodeCompletion {
        let context = NodeContext(nodeID: plan.ids[position], position: position,
                                  store: annotations)
        let operation = plan.operation(at: position)
        let start = Timestamp.now
        do {
            let value = try await NodeContext.$bound.withValue(context) {
                try await operation(inputs)
            }
            return NodeCompletion(position: position, result: .success(value), start: start,
                                  end: .now, wasCancelled: false)
        } catch {
            let wasCancelled = error is CancellationError || Task.isCancelled
            return NodeCompletion(position: position, result: .failure(error), start: start,
                                  end: .now, wasCancelled: wasCancelled)
        }
    }

    /// A node that failed before its operation was called, because its input could not be
    /// built.
    static func failure(_ error: any Error, position: Int) -> NodeCompletion {
        let now = Timestamp.now
        return NodeCompletion(position: position, result: .failure(error), start: now, end: now,
                              wasCancelled: false)
    }
}
