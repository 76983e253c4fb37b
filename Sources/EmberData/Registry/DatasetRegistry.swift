/// The datasets known by name.
///
/// ``standard`` holds the eight benchmarks Ember ships definitions for; register more with
/// ``register(_:)``. Names are compared ignoring case.
public struct DatasetRegistry: Sendable {
    private var definitions: [String: any DatasetDefinition] = [:]
    private var order: [String] = []

    /// An empty registry.
    public init() {}

    /// The registry of Ember's benchmarks: mmlu, gsm8k, truthfulqa, arc, halueval,
    /// humaneval, math500 and aime2024.
    public static let standard: DatasetRegistry = {
        var registry = DatasetRegistry()
        let benchmarks: [any DatasetDefinition] = [
            MMLUBenchmark(), GSM8KBenchmark(), TruthfulQABenchmark(), ARCBenchmark(),
            HaluEvalBenchmark(), HumanEvalBenchmark(), MATH500Benchmark(), AIME2024Benchmark(),
        ]
        for benchmark in benchmarks { registry.register(benchmark) }
        return registry
    }()

    /// Adds a definition, replacing any registered under the same name.
    public mutating func register(_ definition: any DatasetDefinition) {
        let key = definition.info.name.lowercased()
        if definitions[key] == nil { order.append(key) }
        definitions[key] = definition
    }

    /// The registered names, in registration order.
    public var names: [String] { order.compactMap { definitions[$0]?.info.name } }

    /// Every definition, in registration order.
    public var all: [any DatasetDefinition] { order.compactMap { definitions[$0] } }

    /// The definition registered as `name`.
    ///
    /// - Throws: ``DatasetError/unknownDataset(_:known:)`` listing the registered names.
    public func definition(named name: String) throws(DatasetError) -> any DatasetDefinition {
        guard let definition = definitions[name.lowercased()] else {
            throw .unknownDataset(name, known: names)
        }
        return definition
    }
}
