import EmberModels
import EmberXCS
import Foundation

/// What a node of a compound system is given: the query and its upstream nodes' results.
public struct SystemNodeInput: Sendable {
    /// The question the system answers.
    public var query: String
    /// The results of the nodes that flow into this one, in the order of the flows.
    public var upstream: [NodeResult]

    /// Creates a node's input.
    public init(query: String, upstream: [NodeResult]) {
        self.query = query
        self.upstream = upstream
    }

    /// The candidates the upstream nodes pass on, in order.
    public var candidates: [Candidate] { upstream.flatMap(\.candidates) }
}

/// The operator of a node of a compound system.
public typealias SystemNode = Operator<SystemNodeInput, NodeResult>

/// What one node of a compound system produced.
public struct NodeResult: Sendable {
    /// The operator's own output, by kind.
    public enum Detail: Sendable {
        /// An ensemble's samples.
        case ensemble([Candidate])
        /// A majority vote.
        case vote(Vote)
        /// One judgement per judge sample.
        case judgement([Judgement])
        /// One verification per answer checked, with the answer checked.
        case verification([(answer: String, verification: Verification)])
        /// A selector's choice.
        case selection(Selection)
        /// A registered node's own output.
        case custom(any Sendable)
    }

    /// The node's id.
    public var id: String
    /// The node's code, such as `E`.
    public var code: String
    /// The node's answer, when it gives one (a vote's winner, a judge's final answer).
    public var answer: String?
    /// The responses the node passes to the nodes after it.
    public var candidates: [Candidate]
    /// The operator's own output.
    public var detail: Detail
    /// Every model call the node made.
    public var calls: [ModelCallRecord]

    /// Creates a node's result.
    public init(id: String, code: String, answer: String?, candidates: [Candidate],
                detail: Detail, calls: [ModelCallRecord]) {
        self.id = id
        self.code = code
        self.answer = answer
        self.candidates = candidates
        self.detail = detail
        self.calls = calls
    }

    /// The texts the node's own calls returned: an ensemble's samples, each judge's reply,
    /// each verifier's explanation, the selector's reasoning; none for a vote.
    public var outputTexts: [String] {
        switch detail {
        case .ensemble(let candidates): candidates.map(\.text)
        case .vote: []
        case .judgement(let judgements): judgements.map(\.reasoning)
        case .verification(let checks): checks.map(\.verification.explanation)
        case .selection(let selection): [selection.reasoning]
        case .custom(let value): [String(describing: value)]
        }
    }

    /// The node's tokens, over all its calls.
    public var usage: TokenUsage { calls.totalUsage }
    /// The node's cost, or `nil` when a call's cost is unknown.
    public var cost: Decimal? { calls.totalCost }
}

/// What a compound system needs to build its nodes.
public struct SystemBuildContext: Sendable {
    /// The service model calls go through.
    public var service: ModelService
    /// The model for nodes that name none, or `nil` to require one on every node.
    public var defaultModel: ModelID?
    /// How votes read answers (a benchmark's answer kind).
    public var answerKind: AnswerKind
    /// The most tokens a call generates when its node sets no `max_tokens`, or `nil` for
    /// the provider's own limit.
    public var defaultMaximumTokens: Int?

    /// Creates a context.
    public init(service: ModelService, defaultModel: ModelID? = nil,
                answerKind: AnswerKind = .text, defaultMaximumTokens: Int? = nil) {
        self.service = service
        self.defaultModel = defaultModel
        self.answerKind = answerKind
        self.defaultMaximumTokens = defaultMaximumTokens
    }

    /// The model a node calls: the one it names, resolved by the registry, or the default.
    ///
    /// - Throws: ``NotationError`` when the node names no model and there is no default,
    ///   or names one the registry cannot resolve.
    public func model(for node: NodeSpecification) throws(NotationError) -> ModelID {
        guard let text = node.model else {
            guard let defaultModel else {
                throw node.error("node \(node.id) names no model",
                                 hint: "write @provider/model after its code")
            }
            return defaultModel
        }
        do {
            return try service.registry.resolve(text)
        } catch {
            throw node.error("the model \"\(text)\" cannot be used (\(error))",
                             at: node.modelOffset)
        }
    }

    /// The caller for a node: its model (or the default) with its parameters.
    ///
    /// - Throws: ``NotationError`` when the node names no model and there is no default,
    ///   or names one the registry cannot resolve.
    public func caller(for node: NodeSpecification) throws -> ModelCaller {
        let model = try model(for: node)
        var parameters = ModelParameters()
        parameters.temperature = node.parameters["temperature"]?.number
        parameters.maximumTokens = node.parameters["maximum_tokens"]?.number.map { Int($0) }
            ?? defaultMaximumTokens
        parameters.topP = node.parameters["top_p"]?.number
        parameters.seed = node.parameters["seed"]?.number.map { Int($0) }
        return ModelCaller(service: service, model: model, parameters: parameters)
    }
}
