import EmberOperators

extension DatasetRecord {
    /// The values a prompt template can use for this record.
    ///
    /// - `question`: the question.
    /// - `choices`: the options, one `A. text` line each (empty without options).
    /// - `choice_labels`: the labels, as `A, B, C, D`.
    /// - `subset`: the subset, when the record has one.
    /// - every metadata key, such as MMLU's `subject` or HumanEval's `entry_point`.
    ///
    /// The gold answer is not among them, so a template cannot give it away by mistake.
    public var promptValues: [String: String] {
        var values = metadata
        values["question"] = question
        values["choices"] = choices.map { "\($0.label). \($0.text)" }.joined(separator: "\n")
        values["choice_labels"] = choices.map(\.label).joined(separator: ", ")
        if let subset { values["subset"] = subset }
        return values
    }

    /// The prompt for this record from `template`.
    ///
    /// - Throws: ``DatasetError/missingPlaceholder(_:record:available:)`` naming the first
    ///   placeholder the record has no value for, and the placeholders it does have.
    public func prompt(from template: PromptTemplate) throws(DatasetError) -> String {
        try checkPlaceholders(of: template)
        let values = promptValues
        do {
            return try template.render(values)
        } catch {
            throw .missingPlaceholder(template.placeholders.first ?? "", record: id,
                                      available: Array(values.keys))
        }
    }
}

extension DatasetRecord {
    /// Checks that this record has a value for every placeholder of `template`, without
    /// building its prompt.
    ///
    /// - Throws: ``DatasetError/missingPlaceholder(_:record:available:)`` naming the first
    ///   placeholder the record has no value for, and the placeholders it does have.
    public func checkPlaceholders(of template: PromptTemplate) throws(DatasetError) {
        let missing = template.placeholders.first { name in
            switch name {
            case "question", "choices", "choice_labels": false
            case "subset": subset == nil && metadata[name] == nil
            default: metadata[name] == nil
            }
        }
        if let missing {
            throw .missingPlaceholder(missing, record: id, available: Array(promptValues.keys))
        }
    }
}

extension DatasetDefinition {
    /// The prompt for `record` from `template`, or from the dataset's default prompt.
    ///
    /// - Throws: ``DatasetError`` for a placeholder the record has no value for.
    public func prompt(for record: DatasetRecord, template: PromptTemplate? = nil)
        throws(DatasetError) -> String
    {
        try record.prompt(from: template ?? info.defaultPrompt)
    }
}
