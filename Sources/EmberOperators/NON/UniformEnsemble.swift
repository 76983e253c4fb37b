import EmberModels
import EmberXCS

/// The same prompt sent to several samples of one model, concurrently.
///
/// Each sample is its own request (a response cache keys them apart by their sample
/// index), and the responses come back in sample order, each with its call's usage. The
/// first failed sample cancels the others and is thrown.
public struct UniformEnsemble: Operator {
    /// How many samples to draw.
    public var count: Int
    /// The model sampled, with its parameters.
    public var caller: ModelCaller

    /// Creates an ensemble of `count` samples of `caller`'s model.
    public init(count: Int, caller: ModelCaller) {
        self.count = count
        self.caller = caller
    }

    /// Creates an ensemble of `count` samples of `model` at `temperature`.
    public init(count: Int, model: ModelID, temperature: Double? = nil,
                maximumTokens: Int? = nil, service: ModelService) {
        self.init(count: count, caller: ModelCaller(
            service: service, model: model,
            parameters: ModelParameters(temperature: temperature,
                                        maximumTokens: maximumTokens)))
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "UniformEnsemble", input: "String", output: "[Candidate]",
                           summary: "\(count) samples of \(caller.model), concurrently.")
    }

    public func run(_ prompt: String) async throws -> [Candidate] {
        try await VariedEnsemble(Array(repeating: caller, count: count))(prompt)
    }
}

/// One call per model configuration, all concurrently: different models, or one model
/// with different parameters.
public struct VariedEnsemble: Operator {
    /// The configurations, in the order of the responses.
    public var callers: [ModelCaller]

    /// Creates an ensemble of one call per configuration.
    public init(_ callers: [ModelCaller]) {
        self.callers = callers
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "VariedEnsemble", input: "String", output: "[Candidate]",
                           summary: "One call per configuration (\(callers.count)), "
                               + "concurrently.")
    }

    public func run(_ prompt: String) async throws -> [Candidate] {
        try await withThrowingTaskGroup(of: (Int, Candidate).self) { group in
            for (index, caller) in callers.enumerated() {
                group.addTask {
                    (index, try await caller.complete(prompt: prompt, sampleIndex: index))
                }
            }
            var candidates = [Candidate?](repeating: nil, count: callers.count)
            for try await (index, candidate) in group {
                candidates[index] = candidate
            }
            return candidates.compactMap { $0 }
        }
    }
}
