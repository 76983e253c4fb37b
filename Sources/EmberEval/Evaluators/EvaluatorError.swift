/// Why an evaluator could not be built.
public struct EvaluatorError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case unknownEvaluator(String, suggestions: [String], known: [String])
        case invalidPattern(String, reason: String)
        case patternWithoutCaptureGroup(String)
        case missingSetting(evaluator: String, setting: String, example: String)
        case invalidSetting(evaluator: String, setting: String, problem: String)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// No evaluator is registered as `name`; `known` are the registered names.
    static func unknownEvaluator(_ name: String, suggestions: [String],
                                 known: [String]) -> Self {
        Self(.unknownEvaluator(name, suggestions: suggestions, known: known))
    }

    /// `pattern` is not a regular expression, for `reason`.
    static func invalidPattern(_ pattern: String, reason: String) -> Self {
        Self(.invalidPattern(pattern, reason: reason))
    }

    /// `pattern` has no capture group to take the answer from.
    static func patternWithoutCaptureGroup(_ pattern: String) -> Self {
        Self(.patternWithoutCaptureGroup(pattern))
    }

    /// The evaluator `evaluator` needs `setting`, such as `example`.
    static func missingSetting(_ setting: String, of evaluator: String,
                               example: String) -> Self {
        Self(.missingSetting(evaluator: evaluator, setting: setting, example: example))
    }

    /// The value of `setting` cannot be used by `evaluator`, for `problem`.
    static func invalidSetting(_ setting: String, of evaluator: String,
                               problem: String) -> Self {
        Self(.invalidSetting(evaluator: evaluator, setting: setting, problem: problem))
    }

    /// Registered names close to an unknown one, closest first; empty for other errors.
    public var suggestions: [String] {
        guard case .unknownEvaluator(_, let suggestions, _) = code else { return [] }
        return suggestions
    }

    /// A sentence saying what was wrong and what would be accepted.
    public var description: String {
        switch code {
        case .unknownEvaluator(let name, let suggestions, let known):
            let guess = suggestions.isEmpty ? ""
                : " Did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ")
                    + "?"
            return "No evaluator is named '\(name)'.\(guess) The known evaluators are "
                + "\(known.joined(separator: ", "))."
        case .invalidPattern(let pattern, let reason):
            return "The pattern '\(pattern)' is not a valid regular expression (\(reason)); "
                + "write an ICU regular expression with one capture group, such as "
                + "'Answer: (\\w+)'."
        case .patternWithoutCaptureGroup(let pattern):
            return "The pattern '\(pattern)' has no capture group, so it cannot say which "
                + "part is the answer; put the answer in parentheses, as in 'Answer: (\\w+)'."
        case .missingSetting(let evaluator, let setting, let example):
            return "The evaluator '\(evaluator)' needs a \(setting), such as \(example)."
        case .invalidSetting(let evaluator, let setting, let problem):
            return "The \(setting) of the evaluator '\(evaluator)' cannot be used: "
                + "\(problem)."
        }
    }
}
