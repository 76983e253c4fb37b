/// Runs every element of `batch` on one of `workers`, each worker running at most its own
/// ``MapWorker/maximumConcurrency`` elements at once, and returns the outputs in the batch's
/// order.
///
/// Elements start in order: the first ones go round the workers until each is full, and each
/// later one goes to the worker that just finished one, so a faster endpoint takes more of
/// the batch. See ``MapWorker`` for what a worker is for an LLM workload.
///
/// - Throws: The first failure, as a ``BatchElementError`` naming the element's index, after
///   cancelling the running elements; ``MissingWorkersError`` for a non-empty batch and no
///   worker; `CancellationError` when the calling task is cancelled.
public func pmap<Input: Sendable, Output: Sendable>(
    _ batch: [Input],
    across workers: [MapWorker<Input, Output>]
) async throws -> [Output] {
    try await parallelMap(batch, across: workers, stopsAtFirstFailure: true).map { try $0.get() }
}

/// Runs every element of `batch` on one of `workers` as ``pmap(_:across:)`` does, but runs
/// every element whatever others throw and returns each one's output or error in the
/// batch's order.
///
/// - Throws: ``MissingWorkersError`` for a non-empty batch and no worker;
///   `CancellationError` when the calling task is cancelled.
public func pmapCollectingFailures<Input: Sendable, Output: Sendable>(
    _ batch: [Input],
    across workers: [MapWorker<Input, Output>]
) async throws -> BatchOutcome<Output> {
    BatchOutcome(results: try await parallelMap(batch, across: workers,
                                                stopsAtFirstFailure: false))
}

private func parallelMap<Input: Sendable, Output: Sendable>(
    _ batch: [Input],
    across workers: [MapWorker<Input, Output>],
    stopsAtFirstFailure: Bool
) async throws -> [Result<Output, BatchElementError>] {
    guard !workers.isEmpty || batch.isEmpty else {
        throw MissingWorkersError(elementCount: batch.count)
    }
    return try await BatchRun.run(
        count: batch.count, capacities: workers.map(\.maximumConcurrency),
        stopsAtFirstFailure: stopsAtFirstFailure
    ) { index, worker in try await workers[worker].work(batch[index]) }
}
