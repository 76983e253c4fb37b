/// One of the workers ``pmap(_:across:)`` spreads a batch over: an operator and how many
/// elements it runs at once.
///
/// For an LLM workload a worker (the "device" of a tensor library's `pmap`) is whatever
/// serves model calls with its own capacity: a model endpoint (a provider account, a region,
/// a deployment), a local server process such as a llama-server on its own port, or a
/// remote machine behind an OpenAI-compatible URL. Give each the operator that calls it and
/// the concurrency it can take.
public struct MapWorker<Input: Sendable, Output: Sendable>: Sendable {
    /// A name for the worker, for reports.
    public var name: String
    /// The operator that runs an element on this worker.
    public var work: any Operator<Input, Output>
    /// How many elements the worker runs at once; values below 1 count as 1.
    public var maximumConcurrency: Int

    /// Creates a worker named `name` that runs `work`, `maximumConcurrency` elements at once.
    public init(_ name: String, _ work: some Operator<Input, Output>, maximumConcurrency: Int) {
        self.name = name
        self.work = work
        self.maximumConcurrency = maximumConcurrency
    }
}

/// `pmap` was given elements but no worker to run them.
public struct MissingWorkersError: Error, Sendable, CustomStringConvertible {
    /// The number of elements that had nowhere to run.
    public let elementCount: Int

    /// A sentence saying what was missing.
    public var description: String {
        "pmap was given \(elementCount) elements and no worker; pass at least one MapWorker."
    }
}
