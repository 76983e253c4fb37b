/// How an item fared, in one word, for reports to show and filter by.
public enum EvaluationVerdict: String, Sendable, Hashable, CaseIterable {
    /// The answer was scored correct.
    case correct
    /// An answer was read from the reply and scored wrong.
    case incorrect
    /// The system replied but no answer could be read from the reply.
    case unanswered
    /// The call failed; the item is scored wrong.
    case error

    /// The verdict's name for a person: "Correct", "Incorrect", "Unanswered", "Error".
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

extension EvaluationItemResult {
    /// The item's verdict: a failed call is an error whatever else is set, then a correct
    /// score wins, then a reply with no readable answer is unanswered.
    public var verdict: EvaluationVerdict {
        if error != nil || outcome == nil { return .error }
        if isCorrect { return .correct }
        return isUnanswered ? .unanswered : .incorrect
    }
}
