/// Runs the elements of a batch on one or more workers, each with its own concurrency bound,
/// and keeps each element's result at its index: the engine under `map` and `pmap`.
enum BatchRun {
    /// Runs `element(index, worker)` for every index in `0..<count`.
    ///
    /// Elements start in index order; the first ones go round the workers until each holds
    /// as many as its capacity allows, and each later one goes to the worker that finished an
    /// element, so a fast worker takes more of the batch.
    ///
    /// - Parameters:
    ///   - count: The number of elements.
    ///   - capacities: How many elements each worker runs at once; values below 1 count as 1.
    ///   - stopsAtFirstFailure: Whether the first failure cancels the running elements,
    ///     starts no other and is thrown; otherwise every element runs and failures are kept.
    ///   - element: Runs the element at an index on a worker.
    /// - Returns: One result per element, in index order; all successes when
    ///   `stopsAtFirstFailure`.
    /// - Throws: The first ``BatchElementError`` when `stopsAtFirstFailure`;
    ///   `CancellationError` when the calling task is cancelled.
    static func run<Output: Sendable>(
        count: Int,
        capacities: [Int],
        stopsAtFirstFailure: Bool,
        element: @escaping @Sendable (_ index: Int, _ worker: Int) async throws -> Output
    ) async throws -> [Result<Output, BatchElementError>] {
        typealias Finished = (index: Int, worker: Int, result: Result<Output, any Error>)
        return try await withThrowingTaskGroup(of: Finished.self) { group in
            var results = [Result<Output, BatchElementError>?](repeating: nil, count: count)
            var next = 0
            func start(on worker: Int) {
                let index = next
                next += 1
                group.addTask {
                    do {
                        return (index, worker, .success(try await element(index, worker)))
                    } catch {
                        return (index, worker, .failure(error))
                    }
                }
            }

            var free = capacities.map { max(1, $0) }
            while next < count, free.contains(where: { $0 > 0 }) {
                for worker in free.indices where next < count && free[worker] > 0 {
                    free[worker] -= 1
                    start(on: worker)
                }
            }

            while let finished = try await group.next() {
                if case .failure(let error) = finished.result {
                    if Task.isCancelled { throw CancellationError() }
                    let failure = BatchElementError(index: finished.index, underlying: error)
                    if stopsAtFirstFailure {
                        group.cancelAll()
                        throw failure
                    }
                    results[finished.index] = .failure(failure)
                } else if case .success(let output) = finished.result {
                    results[finished.index] = .success(output)
                }
                if Task.isCancelled { throw CancellationError() }
                if next < count { start(on: finished.worker) }
            }
            return results.map { $0! }
        }
    }
}
