extension Operator {
    /// Runs the operator on every element of `batch`, at most `maximumConcurrency` at once,
    /// and returns each element's output or error in the batch's order (the issue's `vmap`,
    /// collecting failures rather than stopping at the first).
    ///
    /// Every element runs, whatever others throw; ``map(_:maximumConcurrency:)`` is the
    /// fail-fast form.
    ///
    /// - Throws: `CancellationError` when the calling task is cancelled; the running
    ///   elements are cancelled first.
    public func mapCollectingFailures(_ batch: [Input], maximumConcurrency: Int? = nil)
        async throws -> BatchOutcome<Output> {
        BatchOutcome(results: try await BatchRun.run(
            count: batch.count, capacities: [maximumConcurrency ?? batch.count],
            stopsAtFirstFailure: false
        ) { index, _ in try await self(batch[index]) })
    }
}
