import EmberModels
import EmberXCS
import Foundation

/// What a verifier is given: the question and one proposed answer.
public struct VerifierInput: Sendable, Hashable {
    /// The question.
    public var query: String
    /// The answer to check.
    public var answer: String

    /// Creates a verifier's input.
    public init(query: String, answer: String) {
        self.query = query
        self.answer = answer
    }
}

/// A verifier's finding on one answer.
public struct Verification: Sendable, Hashable {
    /// Whether the answer was found correct.
    public enum Verdict: String, Sendable, Hashable {
        case correct, incorrect
        /// The reply stated no verdict that could be read.
        case unknown
    }

    /// The verdict.
    public var verdict: Verdict
    /// The verifier's explanation (its whole reply when it wrote no "Explanation:" line).
    public var explanation: String
    /// The verifier's corrected answer, when it gave one for an incorrect answer.
    public var revisedAnswer: String?
    /// The verifier's call.
    public var call: ModelCallRecord?

    /// Reads a verifier's reply.
    ///
    /// The verdict comes from the "Verdict:" line, else from the whole reply. Any negative
    /// form ("incorrect", "not correct", "wrong", "false", "no") is read first, so
    /// "incorrect" never reads as correct; a reply with neither is ``Verdict/unknown``.
    public init(parsing reply: String, call: ModelCallRecord? = nil) {
        let lines = reply.split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "*_"))
        }
        func value(after label: String) -> String? {
            for line in lines {
                let lowered = line.lowercased()
                guard lowered.hasPrefix(label) else { continue }
                return line.dropFirst(label.count)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "*_:- \t"))
            }
            return nil
        }
        let verdictText = value(after: "verdict") ?? reply
        verdict = Self.verdict(in: verdictText)
        explanation = value(after: "explanation") ?? reply
        let revised = value(after: "revised answer")
        revisedAnswer = verdict == .incorrect && revised?.isEmpty == false ? revised : nil
        self.call = call
    }

    private static func verdict(in text: String) -> Verdict {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        let negatives: Set = ["incorrect", "wrong", "false", "no", "invalid", "unverified"]
        for (index, word) in words.enumerated() {
            if negatives.contains(word) { return .incorrect }
            if word == "correct" || word == "right", index > 0, words[index - 1] == "not" {
                return .incorrect
            }
        }
        let positives: Set = ["correct", "right", "true", "yes", "valid", "verified"]
        return words.contains(where: positives.contains) ? .correct : .unknown
    }
}

/// Asks a model whether an answer is correct, and for a corrected one when it is not.
///
/// Verifiers are equal when their callers (see ``ModelCaller``) and prompts are: the JIT
/// then matches their calls with no wrapping.
public struct Verifier: Operator, Hashable {
    /// The model that verifies.
    public var caller: ModelCaller
    /// The prompt, with `{query}` and `{answer}` placeholders.
    public var prompt: PromptTemplate

    /// Creates a verifier.
    public init(caller: ModelCaller, prompt: PromptTemplate = NONPrompts.verifier) {
        self.caller = caller
        self.prompt = prompt
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "Verifier", input: "VerifierInput", output: "Verification",
                           summary: "Judges one answer correct or incorrect, and revises it.")
    }

    public func run(_ input: VerifierInput) async throws -> Verification {
        let text = try prompt.render(["query": input.query, "answer": input.answer])
        let reply = try await caller.complete(prompt: text)
        return Verification(parsing: reply.text, call: reply.call)
    }
}
