import EmberModels
import EmberXCS

/// The same prompt sent to several samples of one model, concurrently.
///
/// Each sample is its own request (a response cache keys them apart by their sample
/// index), and the responses come back in sample order, each with its call's usage. The
/// first failed sample cancels the others and is thrown.
///
/// With a ``quorum``, the ensemble stops as soon as that many samples give the same answer
/// (read as ``answerKind`` reads it): the samples still running are cancelled at once, their
/// requests closed and no usage recorded for them, and only the finished samples come back.
/// When no answer reaches the quorum, every sample is waited for. A failed sample does not
/// vote; the ensemble throws its error only when the quorum is not reached without it.
///
/// Ensembles are equal when their counts, callers (see ``ModelCaller``), quorums and
/// answer kinds are: the JIT then matches their calls with no wrapping. Each call of an
/// equal ensemble still draws its own samples.
public struct UniformEnsemble: Operator, Hashable {
    /// How many samples to draw.
    public var count: Int
    /// The model sampled, with its parameters.
    public var caller: ModelCaller
    /// How many samples giving the same answer end the ensemble early, or `nil` to wait
    /// for every sample.
    public var quorum: Int?
    /// How answers are read and compared for the quorum.
    public var answerKind: AnswerKind

    /// Creates an ensemble of `count` samples of `caller`'s model.
    ///
    /// - Parameters:
    ///   - quorum: Stop once this many samples agree, cancelling the rest; `nil` waits for
    ///     all of them.
    ///   - answerKind: How the quorum reads and compares answers.
    public init(count: Int, caller: ModelCaller, quorum: Int? = nil,
                answerKind: AnswerKind = .text) {
        self.count = count
        self.caller = caller
        self.quorum = quorum
        self.answerKind = answerKind
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
                           summary: "\(count) samples of \(caller.model), concurrently"
                               + (quorum.map { ", until \($0) agree." } ?? "."))
    }

    public func run(_ prompt: String) async throws -> [Candidate] {
        guard let quorum, quorum < count else {
            return try await VariedEnsemble(Array(repeating: caller, count: count))(prompt)
        }
        let caller = self.caller
        let kind = answerKind
        let branches: [Quorum<Sample>.Branch] = (0..<count).map { index in
            { Sample(index: index,
                     candidate: try await caller.complete(prompt: prompt, sampleIndex: index)) }
        }
        // Agreement among the samples heard so far, or every sample heard: a sample with no
        // answer agrees with no other.
        let total = count
        let rule = QuorumRule<Sample>.custom("\(quorum) agreeing") { votes in
            var sizes: [String: Int] = [:]
            for vote in votes {
                guard let answer = kind.extractAnswer(from: vote.value.candidate.text) else {
                    continue
                }
                sizes[answer, default: 0] += 1
            }
            return (sizes.values.max() ?? 0) >= quorum || votes.count == total
        }
        let result: QuorumResult<Sample>
        do {
            result = try await Quorum(rule).run(branches)
        } catch let error as QuorumError {
            // The rule holds once every sample is in, so it fails only when a sample did:
            // that sample's error is the ensemble's, as without a quorum.
            throw error.branchFailures.first ?? error
        }
        return result.votes.sorted { $0.value.index < $1.value.index }.map(\.value.candidate)
    }

    /// One sample, with its place in the ensemble.
    struct Sample: Sendable {
        var index: Int
        var candidate: Candidate
    }
}

/// One call per model configuration, all concurrently: different models, or one model
/// with different parameters.
///
/// Ensembles are equal when their callers are, in order (see ``ModelCaller``).
public struct VariedEnsemble: Operator, Hashable {
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
