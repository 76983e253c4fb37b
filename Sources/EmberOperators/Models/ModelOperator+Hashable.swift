extension ModelOperator: Hashable {
    /// Whether both operators send the same requests and read replies alike: equal
    /// callers (see ``ModelCaller``), equal specifications (template, system prompt, the
    /// fields checked, the output's schema and response format), the same number of repair
    /// attempts and the same name.
    ///
    /// The JIT hands a call launched ahead only to a call of an equal operator on an equal
    /// input, so equal operators need no `identified(by:)` wrapping.
    public static func == (left: Self, right: Self) -> Bool {
        left.caller == right.caller && left.name == right.name
            && max(0, left.repairAttempts) == max(0, right.repairAttempts)
            && left.specification.isEquivalent(to: right.specification)
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(caller)
        hasher.combine(name)
        hasher.combine(max(0, repairAttempts))
        hasher.combine(specification.template)
        hasher.combine(specification.systemPrompt)
    }
}

extension PromptSpecification {
    /// Whether `other` renders every input into the same messages and asks for, and reads,
    /// the same output: every stored property is equal.
    func isEquivalent(to other: Self) -> Bool {
        template == other.template && systemPrompt == other.systemPrompt
            && checksRequiredFields == other.checksRequiredFields
            && inputFields == other.inputFields && outputSchema == other.outputSchema
            && responseFormat == other.responseFormat
    }
}
