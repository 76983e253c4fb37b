import EmberOperators

/// One benchmark item, normalised across datasets.
public struct DatasetRecord: Sendable, Hashable, Identifiable {
    /// A stable id: the same item has the same id in every run.
    public var id: String
    /// The question or problem put to the system.
    public var question: String
    /// The options of a multiple-choice item, label to text, in display order; empty otherwise.
    public var choices: [(label: String, text: String)]
    /// The gold answer (a number, a label, or text).
    public var answer: String
    /// How the answer is to be read.
    public var answerKind: AnswerKind
    /// Whatever else the source gives (a worked solution, a subject).
    public var metadata: [String: String]

    /// Creates a record.
    public init(id: String, question: String, choices: [(label: String, text: String)] = [],
                answer: String, answerKind: AnswerKind, metadata: [String: String] = [:]) {
        self.id = id
        self.question = question
        self.choices = choices
        self.answer = answer
        self.answerKind = answerKind
        self.metadata = metadata
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.id == rhs.id && lhs.question == rhs.question && lhs.answer == rhs.answer
            && lhs.answerKind == rhs.answerKind && lhs.metadata == rhs.metadata
            && lhs.choices.elementsEqual(rhs.choices) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(question)
        hasher.combine(answer)
    }
}
