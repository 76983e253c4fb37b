/// What a batch run that collects failures returns: each element's output or error, in the
/// batch's order.
public struct BatchOutcome<Output: Sendable>: Sendable {
    /// One result per element, at the element's index.
    public let results: [Result<Output, BatchElementError>]

    /// Creates an outcome from its results.
    public init(results: [Result<Output, BatchElementError>]) {
        self.results = results
    }

    /// Each element's output, or `nil` where it failed.
    public var outputs: [Output?] {
        results.map { try? $0.get() }
    }

    /// The failed elements' errors, in index order; each names its element's index.
    public var failures: [BatchElementError] {
        results.compactMap { result in
            if case .failure(let error) = result { error } else { nil }
        }
    }

    /// Whether every element succeeded.
    public var isComplete: Bool {
        failures.isEmpty
    }
}
