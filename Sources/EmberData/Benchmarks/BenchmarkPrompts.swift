import EmberOperators

/// The default prompts of the registered benchmarks, each asking for the answer in the form
/// its evaluator reads.
public enum BenchmarkPrompts {
    /// A prompt for a user's own data whose answers are of `kind`: the question (and its
    /// options, for a choice), asking for the answer in the form that kind's evaluator reads.
    public static func generic(for kind: AnswerKind) -> PromptTemplate {
        switch kind {
        case .number: numeric
        case .choice: choice
        case .code: code
        default: text
        }
    }

    /// A question with a short free-text answer; the normalised evaluator reads the text
    /// after `Answer:`.
    static let text = template("""
        Answer the following question. Think it through, then give the short final answer \
        on the last line, as 'Answer: <answer>'.

        Question: {question}
        """)

    /// A multiple-choice question about a subject; the choice evaluator reads `Answer: X`.
    static let choiceWithSubject = template("""
        The following is a multiple-choice question about {subject}. Think it through, then \
        answer with the letter of the correct option on the last line, as 'Answer: X'.

        Question: {question}

        {choices}
        """)

    /// A multiple-choice question; the choice evaluator reads `Answer: X`.
    static let choice = template("""
        The following is a multiple-choice question. Think it through, then answer with the \
        letter of the correct option on the last line, as 'Answer: X'.

        Question: {question}

        {choices}
        """)

    /// GSM8K's prompt, worded as ``GSM8K/prompt(for:)``; the numeric evaluator reads the
    /// `####` line.
    static let numeric = template("""
        Solve the following math problem. Think step by step, then give the final answer \
        as a number on the last line, in the form "#### <number>".

        Problem: {question}
        """)

    /// An AIME problem, whose answer is an integer from 0 to 999.
    static let competitionNumeric = template("""
        Solve the following competition math problem. Think step by step. The answer is an \
        integer from 0 to 999; give it on the last line, in the form "#### <number>".

        Problem: {question}
        """)

    /// A MATH problem; the math evaluator reads the last `\boxed{}`.
    static let boxed = template("""
        Solve the following math problem. Think step by step, then give the final answer \
        in simplest form inside \\boxed{{}}, as in \\boxed{{\\frac{{1}}{{2}}}}.

        Problem: {question}
        """)

    /// A HaluEval judgment; the yes-no evaluator reads Yes or No.
    static let yesNo = template("""
        Read the knowledge, the question and the answer below. Decide whether the answer is \
        hallucinated: whether it states something false or not supported by the knowledge.

        {question}

        Is the answer hallucinated? Answer Yes or No.
        """)

    /// A HumanEval task; the code evaluator runs the function in the reply's code block.
    static let code = template("""
        Complete the following Python function. Reply with the complete function, its \
        signature included, in a ```python code block.

        ```python
        {question}```
        """)

    private static func template(_ text: String) -> PromptTemplate {
        do {
            return try PromptTemplate(text)
        } catch {
            preconditionFailure("a built-in prompt does not parse: \(error)")
        }
    }
}
