import EmberModels
import EmberXCS

extension NodeCodeRegistry {
    /// The standard codes: `E` ensemble, `J` judge synthesis, `V` verifier, `M` most
    /// common, `S` selector judge.
    public static let standard: NodeCodeRegistry = {
        var registry = NodeCodeRegistry()
        for definition in [ensemble, judge, verifier, mostCommon, selector] {
            registry.register(definition)
        }
        return registry
    }()

    private static let samplingParameters = [
        ParameterDefinition("temperature", aliases: ["temp"], kind: .number(0...2),
                            help: "Sampling temperature."),
        ParameterDefinition("maximum_tokens", aliases: ["max_tokens", "maxTokens"],
                            kind: .integer(1...1_000_000),
                            help: "The most tokens each call generates."),
        ParameterDefinition("top_p", aliases: ["topP"], kind: .number(0...1),
                            help: "Nucleus sampling mass."),
        ParameterDefinition("seed", kind: .integer(0...Int(Int32.max)),
                            help: "Sampling seed, where the provider takes one."),
    ]

    private static let ensemble = NodeCodeDefinition(
        code: "E", name: "UniformEnsemble",
        summary: "Sends the query to COUNT samples of one model, concurrently.",
        needsModel: true, acceptsCount: true, readsUpstream: false,
        parameters: samplingParameters + [ParameterDefinition(
            "quorum", kind: .integer(1...1_000),
            help: "Stop once this many samples give the same answer, cancelling the rest "
                + "(at most COUNT).")]
    ) { node, context in
        let quorum = node.parameters["quorum"]?.number.map { Int($0) }
        if let quorum, quorum > node.count {
            throw node.error("node \(node.id) has a quorum of \(quorum) but only "
                             + "\(node.count) samples",
                             hint: "write a quorum from 1 to \(node.count)")
        }
        return EnsembleNode(id: node.id, ensemble: UniformEnsemble(
            count: node.count, caller: try context.caller(for: node), quorum: quorum,
            answerKind: context.answerKind))
    }

    private static let judge = NodeCodeDefinition(
        code: "J", name: "JudgeSynthesis",
        summary: "Reasons over the candidates and writes a final answer; with a COUNT, "
            + "that many judges vote.",
        needsModel: true, acceptsCount: true, parameters: samplingParameters
    ) { node, context in
        JudgeNode(id: node.id, judge: JudgeSynthesis(caller: try context.caller(for: node)),
                  count: node.count, vote: MostCommon(kind: context.answerKind))
    }

    private static let verifier = NodeCodeDefinition(
        code: "V", name: "Verifier",
        summary: "Checks each upstream answer; passes on the correct and the revised ones.",
        needsModel: true, acceptsCount: false, parameters: samplingParameters
    ) { node, context in
        VerifierNode(id: node.id, verifier: Verifier(caller: try context.caller(for: node)))
    }

    private static let mostCommon = NodeCodeDefinition(
        code: "M", name: "MostCommon",
        summary: "Majority vote over the upstream candidates' answers.",
        needsModel: false, acceptsCount: false,
        parameters: [ParameterDefinition(
            "kind", kind: .choice(AnswerKind.allKinds.map(\.description)),
            help: "How answers are read: text, number, choice or code "
                + "(default: the benchmark's).")]
    ) { node, context in
        let kind = node.parameters["kind"].flatMap { AnswerKind(named: $0.text) }
        return VoteNode(id: node.id, vote: MostCommon(kind: kind ?? context.answerKind))
    }

    private static let selector = NodeCodeDefinition(
        code: "S", name: "SelectorJudge",
        summary: "Picks the best upstream candidate instead of writing a new answer.",
        needsModel: true, acceptsCount: false, parameters: samplingParameters
    ) { node, context in
        SelectorNode(id: node.id, selector: SelectorJudge(caller: try context.caller(for: node)))
    }
}

// MARK: - The standard nodes

/// `E`: the ensemble's samples become the candidates passed on; it gives no answer itself.
struct EnsembleNode: SystemNode {
    let id: String
    let ensemble: UniformEnsemble

    var descriptor: OperatorDescriptor { ensemble.descriptor }

    func run(_ input: SystemNodeInput) async throws -> NodeResult {
        let candidates = try await ensemble(input.query)
        return NodeResult(id: id, code: "E", answer: nil, candidates: candidates,
                          detail: .ensemble(candidates), calls: candidates.compactMap(\.call))
    }
}

/// `M`: votes over the candidates and passes them on unchanged.
struct VoteNode: SystemNode {
    let id: String
    let vote: MostCommon

    var descriptor: OperatorDescriptor { vote.descriptor }

    func run(_ input: SystemNodeInput) async throws -> NodeResult {
        let candidates = input.candidates
        let result = try await vote(candidates)
        // A text answer is shown as first written; numbers and letters in compared form.
        let answer = vote.kind == .text ? result.tallies.first?.firstWritten : result.winner
        return NodeResult(id: id, code: "M", answer: answer, candidates: candidates,
                          detail: .vote(result), calls: [])
    }
}

/// `J`: one judge, or `count` judges whose final answers are put to a vote.
struct JudgeNode: SystemNode {
    let id: String
    let judge: JudgeSynthesis
    let count: Int
    let vote: MostCommon

    var descriptor: OperatorDescriptor { judge.descriptor }

    func run(_ input: SystemNodeInput) async throws -> NodeResult {
        let judgeInput = JudgeInput(query: input.query,
                                    candidates: input.candidates.map(\.text))
        let judgements = try await judge.map(Array(repeating: judgeInput, count: count))
        let answers = judgements.map(\.finalAnswer.text)
        let answer = count == 1 ? answers[0] : vote.vote(answers).tallies.first?.firstWritten
        let candidates = zip(judgements, answers).compactMap { judgement, answer in
            answer.map { Candidate(text: $0, call: judgement.call) }
        }
        return NodeResult(id: id, code: "J", answer: answer, candidates: candidates,
                          detail: .judgement(judgements),
                          calls: judgements.compactMap(\.call))
    }
}

/// `V`: checks the upstream answers (or, when no upstream node answered, each candidate).
///
/// Its answer is the first answer found correct, else the first revised answer, else the
/// first answer checked. It passes on the correct and the revised answers; when there are
/// none, every answer it checked.
struct VerifierNode: SystemNode {
    let id: String
    let verifier: Verifier

    var descriptor: OperatorDescriptor { verifier.descriptor }

    func run(_ input: SystemNodeInput) async throws -> NodeResult {
        let answered = input.upstream.compactMap(\.answer)
        let targets = answered.isEmpty ? input.candidates.map(\.text) : answered
        let verifications = try await verifier.map(targets.map {
            VerifierInput(query: input.query, answer: $0)
        })
        var kept: [Candidate] = []
        for (target, verification) in zip(targets, verifications) {
            if verification.verdict == .correct {
                kept.append(Candidate(text: target, call: verification.call))
            } else if let revised = verification.revisedAnswer {
                kept.append(Candidate(text: revised, call: verification.call))
            }
        }
        let correct = zip(targets, verifications).first { $0.1.verdict == .correct }?.0
        let revised = verifications.lazy.compactMap(\.revisedAnswer).first
        if kept.isEmpty {
            kept = zip(targets, verifications).map { Candidate(text: $0, call: $1.call) }
        }
        return NodeResult(id: id, code: "V", answer: correct ?? revised ?? targets.first,
                          candidates: kept,
                          detail: .verification(Array(zip(targets, verifications)).map {
                              (answer: $0, verification: $1)
                          }),
                          calls: verifications.compactMap(\.call))
    }
}

/// `S`: picks one candidate and passes only it on (all of them when it picked none).
struct SelectorNode: SystemNode {
    let id: String
    let selector: SelectorJudge

    var descriptor: OperatorDescriptor { selector.descriptor }

    func run(_ input: SystemNodeInput) async throws -> NodeResult {
        let candidates = input.candidates
        let selection = try await selector(JudgeInput(query: input.query,
                                                     candidates: candidates.map(\.text)))
        let chosen = selection.index.map { [candidates[$0]] } ?? candidates
        return NodeResult(id: id, code: "S", answer: selection.answer, candidates: chosen,
                          detail: .selection(selection), calls: selection.call.map { [$0] } ?? [])
    }
}
