import Foundation

/// The prompts of the NON operators, in one place so they can be read and replaced.
///
/// They are written for small models as well as large: short, one instruction per line,
/// and an answer format that is stated once and easy to find. Each operator takes its
/// prompt as a parameter whose default is the one here.
public enum NONPrompts {
    /// ``JudgeSynthesis``: placeholders `{query}` and `{candidates}`.
    public static let judge = fixed("""
        You are given a question and candidate answers written by other assistants. \
        Some candidates may be wrong.

        Question:
        {query}

        Candidate answers:
        {candidates}

        Work out the correct answer. Use the candidates where they are right and \
        correct them where they are wrong. Reason briefly, then finish with one line:
        Final Answer: <your answer>
        """)

    /// ``Verifier``: placeholders `{query}` and `{answer}`.
    public static let verifier = fixed("""
        Check whether the proposed answer to the question is correct.

        Question:
        {query}

        Proposed answer:
        {answer}

        Reply in exactly this format:
        Verdict: correct or incorrect
        Explanation: <one or two sentences>
        Revised Answer: <the correct answer, only if the verdict is incorrect>
        """)

    /// ``SelectorJudge``: placeholders `{query}` and `{candidates}`.
    public static let selector = fixed("""
        You are given a question and numbered candidate answers. Choose the best one.

        Question:
        {query}

        Candidate answers:
        {candidates}

        Reason briefly, then finish with one line naming the best candidate's number:
        Selected: <number>
        """)

    /// The candidates as a numbered list, `[1] …`, as the judge prompts show them.
    public static func numberedList(_ candidates: [String]) -> String {
        candidates.enumerated().map { index, text in
            "[\(index + 1)] \(text.trimmingCharacters(in: .whitespacesAndNewlines))"
        }.joined(separator: "\n\n")
    }

    private static func fixed(_ text: String) -> PromptTemplate {
        // The texts above are constants; a syntax error in one is a programming error.
        do {
            return try PromptTemplate(text)
        } catch {
            preconditionFailure("NON prompt does not parse: \(error)")
        }
    }
}
