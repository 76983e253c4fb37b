import EmberOperators

/// Which fields of a user's file hold the parts of a record.
///
/// A field is named as the file names it: a JSON key, or a CSV header. For a CSV file
/// without a header, fields are 1-based column numbers (`"1"`, `"2"`).
public struct FieldMapping: Sendable, Hashable {
    /// Where a multiple-choice item's options are.
    public enum Choices: Sendable, Hashable {
        /// One field holding a JSON array of option texts (labelled A, B, … in order) or a
        /// JSON object from label to text (in label order). In CSV, the field's text is
        /// parsed as that JSON.
        case field(String)
        /// One field per option, labelled A, B, … in the order given.
        case columns([String])
    }

    /// The field holding a stable id, or `nil` to derive one from the content.
    public var id: String?
    /// The field holding the question.
    public var question: String
    /// Where the options are, or `nil` for an item without options.
    public var choices: Choices?
    /// The field holding the gold answer. For a choice item it is a label, or an option's
    /// exact text, which is read as that option's label.
    public var answer: String
    /// How the answer is read.
    public var answerKind: AnswerKind
    /// The field holding the subset, or `nil`.
    public var subset: String?

    /// Creates a mapping.
    public init(id: String? = nil, question: String, choices: Choices? = nil, answer: String,
                answerKind: AnswerKind = .text, subset: String? = nil) {
        self.id = id
        self.question = question
        self.choices = choices
        self.answer = answer
        self.answerKind = answerKind
        self.subset = subset
    }

    /// Every field the mapping names.
    var fieldNames: [String] {
        var names = [question, answer]
        if let id { names.append(id) }
        if let subset { names.append(subset) }
        switch choices {
        case .field(let name): names.append(name)
        case .columns(let columns): names += columns
        case nil: break
        }
        return names
    }
}
