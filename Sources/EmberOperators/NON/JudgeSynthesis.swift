import EmberModels
import EmberXCS

/// What a judge is given: the question and the candidate responses.
public struct JudgeInput: Sendable, Hashable {
    /// The question the candidates answer.
    public var query: String
    /// The candidates' texts, in order.
    public var candidates: [String]

    /// Creates a judge's input.
    public init(query: String, candidates: [String]) {
        self.query = query
        self.candidates = candidates
    }
}

/// A judge's reasoning and the final answer it gave.
public struct Judgement: Sendable, Hashable {
    /// The final answer, and how it was found.
    public var finalAnswer: FinalAnswer
    /// The judge's whole reply.
    public var reasoning: String
    /// The judge's call.
    public var call: ModelCallRecord?
}

/// Asks a model to reason over candidate responses and write the final answer.
///
/// Judges are equal when their callers (see ``ModelCaller``) and prompts are: the JIT then
/// matches their calls with no wrapping.
public struct JudgeSynthesis: Operator, Hashable {
    /// The model that judges.
    public var caller: ModelCaller
    /// The prompt, with `{query}` and `{candidates}` placeholders.
    public var prompt: PromptTemplate

    /// Creates a judge.
    public init(caller: ModelCaller, prompt: PromptTemplate = NONPrompts.judge) {
        self.caller = caller
        self.prompt = prompt
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "JudgeSynthesis", input: "JudgeInput", output: "Judgement",
                           summary: "Reasons over the candidates and writes a final answer.")
    }

    public func run(_ input: JudgeInput) async throws -> Judgement {
        let text = try prompt.render([
            "query": input.query,
            "candidates": NONPrompts.numberedList(input.candidates),
        ])
        let reply = try await caller.complete(prompt: text)
        return Judgement(finalAnswer: FinalAnswer(parsing: reply.text), reasoning: reply.text,
                         call: reply.call)
    }
}
