import EmberOperators

/// One benchmark item, normalised across datasets.
public struct DatasetRecord: Sendable, Hashable, Identifiable, Codable {
    /// One option of a multiple-choice item.
    public struct Choice: Sendable, Hashable, Codable {
        /// The label the model answers with (`A`, or `1` where the source numbers options).
        public var label: String
        /// The option's text.
        public var text: String

        /// Creates an option.
        public init(label: String, text: String) {
            self.label = label
            self.text = text
        }
    }

    /// A stable id: the same item has the same id in every run, whatever the sampling.
    public var id: String
    /// The question or problem put to the system.
    public var question: String
    /// The options of a multiple-choice item, in display order; empty otherwise.
    public var choices: [Choice]
    /// The gold answer (a number, a choice's label, text, or the tests of a code item).
    public var answer: String
    /// How the answer is to be read.
    public var answerKind: AnswerKind
    /// The subset the item belongs to (an MMLU subject), or `nil`.
    public var subset: String?
    /// Whatever else the source gives (a worked solution, an entry point, a level).
    public var metadata: [String: String]

    /// Creates a record.
    public init(id: String, question: String, choices: [Choice] = [], answer: String,
                answerKind: AnswerKind, subset: String? = nil,
                metadata: [String: String] = [:]) {
        self.id = id
        self.question = question
        self.choices = choices
        self.answer = answer
        self.answerKind = answerKind
        self.subset = subset
        self.metadata = metadata
    }
}
