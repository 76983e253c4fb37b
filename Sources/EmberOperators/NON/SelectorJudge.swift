import EmberModels
import EmberXCS
import Foundation

/// The candidate a selector judge chose.
public struct Selection: Sendable, Hashable {
    /// The chosen candidate's position, from 0, or `nil` when the reply named none that
    /// exists.
    public var index: Int?
    /// The chosen candidate's text.
    public var answer: String?
    /// The judge's whole reply.
    public var reasoning: String
    /// The judge's call.
    public var call: ModelCallRecord?
}

/// Asks a model to pick the best of the candidates, rather than write a new answer.
///
/// Selectors are equal when their callers (see ``ModelCaller``) and prompts are: the JIT
/// then matches their calls with no wrapping.
public struct SelectorJudge: Operator, Hashable {
    /// The model that selects.
    public var caller: ModelCaller
    /// The prompt, with `{query}` and `{candidates}` placeholders.
    public var prompt: PromptTemplate

    /// Creates a selector.
    public init(caller: ModelCaller, prompt: PromptTemplate = NONPrompts.selector) {
        self.caller = caller
        self.prompt = prompt
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "SelectorJudge", input: "JudgeInput", output: "Selection",
                           summary: "Picks the best candidate by its number.")
    }

    public func run(_ input: JudgeInput) async throws -> Selection {
        let text = try prompt.render([
            "query": input.query,
            "candidates": NONPrompts.numberedList(input.candidates),
        ])
        let reply = try await caller.complete(prompt: text)
        let index = Self.selectedIndex(in: reply.text, count: input.candidates.count)
        return Selection(index: index, answer: index.map { input.candidates[$0] },
                         reasoning: reply.text, call: reply.call)
    }

    /// The candidate a reply names: the first number after its last "selected", else the
    /// last `[n]` it mentions; counted from 1 in the reply, from 0 in the result.
    static func selectedIndex(in reply: String, count: Int) -> Int? {
        let lowered = reply.lowercased()
        var tail = Substring(lowered)
        if let range = lowered.range(of: "selected", options: .backwards) {
            tail = lowered[range.upperBound...]
        } else if let range = lowered.range(of: "[", options: .backwards) {
            tail = lowered[range.upperBound...]
        }
        let digits = tail.drop { !$0.isASCIIDigit }.prefix { $0.isASCIIDigit }
        guard count > 0, let number = Int(digits), (1...count).contains(number) else {
            return nil
        }
        return number - 1
    }
}
