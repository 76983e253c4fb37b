import EmberData
import EmberModels
import EmberOperators
import Foundation

/// What one node of a compound system produced for one item, as the journal keeps it: its
/// answer and samples, what they cost and how long the node took, and — once the item is
/// scored — whether each was right.
///
/// An ensemble's samples are scored one by one, so a run's journal holds each member's
/// accuracy and everything the vote curve needs. A node that reads other nodes' answers (a
/// judge, a verifier, a selector) keeps the majority it was given, scored too, so that the
/// report can count how often it overturned a correct majority and how often it fixed a
/// wrong one.
public struct NodeOutput: Sendable, Hashable, Codable {
    /// The node's id (`n1`, or the name given in the notation).
    public var id: String
    /// The node's code, such as `E` or `J`.
    public var code: String
    /// The node as written in the notation (`5E@local/smollm2(temp=0.7)`).
    public var label: String
    /// The nodes it reads from, in the order of the flows.
    public var upstream: [String]
    /// How the system's votes read answers; the vote curve votes the same way.
    public var answerKind: AnswerKind
    /// The node's answer, or `nil` when it gives none (an ensemble passes samples on).
    public var answer: String?
    /// The answers the node's own calls gave: an ensemble's samples, each judge's final
    /// answer; empty for a node that makes no call of its own.
    public var samples: [String]
    /// For a node that calls a model on other nodes' answers (a judge, a verifier, a
    /// selector): the majority answer of what it was given (an upstream node's answer, such
    /// as a vote's winner, else the vote over the candidates it read); otherwise `nil`.
    public var inputMajority: String?
    /// Tokens over the node's calls, or `nil` when it made none.
    public var usage: TokenUsage?
    /// Dollars over the node's calls, or `nil` when one's price is unknown.
    public var cost: Decimal?
    /// Model calls the node made.
    public var callCount: Int
    /// How long the node ran, from its start to its end.
    public var latency: Duration
    /// Whether the node lay on the item's critical path: the chain of nodes that bounded
    /// its wall time.
    public var isOnCriticalPath: Bool
    /// The verdict on ``answer``, once scored.
    public var answerOutcome: EvaluationOutcome?
    /// Whether each sample was scored correct, once scored.
    public var samplesCorrect: [Bool]?
    /// Whether ``inputMajority`` was scored correct, once scored.
    public var inputMajorityCorrect: Bool?

    /// Creates a node's output, not yet scored.
    public init(id: String, code: String, label: String, upstream: [String],
                answerKind: AnswerKind, answer: String?, samples: [String],
                inputMajority: String?, usage: TokenUsage?, cost: Decimal?, callCount: Int,
                latency: Duration, isOnCriticalPath: Bool) {
        self.id = id
        self.code = code
        self.label = label
        self.upstream = upstream
        self.answerKind = answerKind
        self.answer = answer
        self.samples = samples
        self.inputMajority = inputMajority
        self.usage = usage
        self.cost = cost
        self.callCount = callCount
        self.latency = latency
        self.isOnCriticalPath = isOnCriticalPath
    }

    /// Scores the answer, each sample and the input majority with `evaluator`.
    ///
    /// A sample equal to the answer, or to another sample, is scored once.
    public mutating func score(with evaluator: any Evaluator,
                               for record: DatasetRecord) async {
        var verdicts: [String: EvaluationOutcome] = [:]
        func verdict(_ text: String) async -> EvaluationOutcome {
            if let known = verdicts[text] { return known }
            let outcome = await evaluator.evaluate(text, for: record)
            verdicts[text] = outcome
            return outcome
        }
        answerOutcome = nil
        if let answer { answerOutcome = await verdict(answer) }
        var correct: [Bool] = []
        for sample in samples { correct.append(await verdict(sample).isCorrect) }
        samplesCorrect = correct
        inputMajorityCorrect = nil
        if let inputMajority { inputMajorityCorrect = await verdict(inputMajority).isCorrect }
    }
}

extension NodeOutput {
    /// Every node's output in a compound system's result, in the order the nodes were
    /// written, not yet scored.
    ///
    /// - Parameters:
    ///   - result: What the system returned for one query.
    ///   - system: The system that returned it, for each node's text and flows.
    public static func outputs(of result: SystemResult,
                               system: CompoundSystem) -> [NodeOutput] {
        let specification = system.specification
        let kind = system.answerKind
        let criticalPath = Set(result.trace.summary.criticalPath)
        let byID = Dictionary(result.nodes.map { ($0.id, $0) }) { first, _ in first }
        return specification.nodes.compactMap { node -> NodeOutput? in
            guard let nodeResult = byID[node.id] else { return nil }
            let upstream = specification.flows.filter { $0.to == node.id }.map(\.from)
            let inputs = upstream.compactMap { byID[$0] }
            let event = result.trace.event(for: node.id)
            return NodeOutput(
                id: node.id, code: node.code, label: node.text, upstream: upstream,
                answerKind: kind, answer: nodeResult.answer,
                samples: samples(of: nodeResult),
                inputMajority: inputs.isEmpty || nodeResult.calls.isEmpty ? nil
                    : majority(of: inputs, kind: kind),
                usage: nodeResult.calls.isEmpty ? nil : nodeResult.usage,
                cost: nodeResult.calls.isEmpty ? nil : nodeResult.cost,
                callCount: nodeResult.calls.count, latency: event?.duration ?? .zero,
                isOnCriticalPath: criticalPath.contains(node.id))
        }
    }

    /// The answers a node's own calls gave.
    private static func samples(of node: NodeResult) -> [String] {
        switch node.detail {
        case .ensemble(let candidates): candidates.map(\.text)
        case .judgement(let judgements) where judgements.count > 1:
            judgements.compactMap(\.finalAnswer.text)
        default: []
        }
    }

    /// The answer a node reading `inputs` was handed as the majority: the first upstream
    /// node's own answer, else the vote over the candidates they pass on.
    private static func majority(of inputs: [NodeResult], kind: AnswerKind) -> String? {
        if let answered = inputs.lazy.compactMap(\.answer).first { return answered }
        let texts = inputs.flatMap(\.candidates).map(\.text)
        guard !texts.isEmpty else { return nil }
        return MostCommon(kind: kind).vote(texts).tallies.first?.firstWritten
    }
}

extension Sequence<NodeOutput> {
    /// The dollars of the outputs' calls, or `nil` when one's price is unknown; outputs of
    /// nodes that made no call add nothing.
    var knownCost: Decimal? {
        reduce(Decimal?.some(0)) { total, output in
            guard output.callCount > 0 else { return total }
            return total.flatMap { sum in output.cost.map { sum + $0 } }
        }
    }
}
