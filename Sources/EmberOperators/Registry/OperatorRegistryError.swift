/// Why an ``OperatorRegistry`` could not give the operator asked for.
public struct OperatorRegistryError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unknownOperator(suggestions: [String], registered: [String])
        case typeMismatch(expected: String, registered: OperatorDescriptor)
        case missingModel
        case invalidSetting(String, typeName: String, problem: String)
    }

    private let code: Code
    /// The name of the operator the error is about, when it is known.
    public let operatorName: String?

    private init(_ code: Code, operatorName: String?) {
        self.code = code
        self.operatorName = operatorName
    }

    /// No operator is registered as `name`; `suggestions` are close registered names.
    static func unknownOperator(_ name: String, suggestions: [String],
                                registered: [String]) -> Self {
        Self(.unknownOperator(suggestions: suggestions, registered: registered),
             operatorName: name)
    }

    /// The operator `name` does not take and return the types `expected` names.
    static func typeMismatch(_ name: String, expected: String,
                             registered: OperatorDescriptor) -> Self {
        Self(.typeMismatch(expected: expected, registered: registered), operatorName: name)
    }

    /// The configuration has no model, and the operator needs one.
    static func missingModel() -> Self {
        Self(.missingModel, operatorName: nil)
    }

    /// The setting `key` does not decode as the type `typeName`, for `problem`.
    static func invalidSetting(_ key: String, typeName: String, problem: String) -> Self {
        Self(.invalidSetting(key, typeName: typeName, problem: problem), operatorName: nil)
    }

    /// This error, about the operator `name` (unless it names one already).
    func about(_ name: String) -> Self {
        Self(code, operatorName: operatorName ?? name)
    }

    /// Registered names close to the one asked for, closest first; empty for other errors.
    public var suggestions: [String] {
        guard case .unknownOperator(let suggestions, _) = code else { return [] }
        return suggestions
    }

    /// A sentence saying what was wrong and what would be accepted.
    public var description: String {
        let subject = operatorName.map { "the operator '\($0)'" } ?? "the operator"
        switch code {
        case .unknownOperator(let suggestions, let registered):
            let name = operatorName ?? ""
            guard !registered.isEmpty else {
                return "No operator is registered as '\(name)', and the registry is empty; "
                    + "register one with register(_:summary:factory:) first."
            }
            let guess = suggestions.isEmpty ? ""
                : " Did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ")
                    + "?"
            return "No operator is registered as '\(name)'.\(guess) The registered "
                + "operators are \(registered.joined(separator: ", "))."
        case .typeMismatch(let expected, let registered):
            return "The operator '\(operatorName ?? registered.name)' takes "
                + "\(registered.input) and returns \(registered.output), not \(expected) as "
                + "asked; ask for those types, or register an operator of these."
        case .missingModel:
            return "\(subject.prefix(1).uppercased() + subject.dropFirst()) calls a model, "
                + "but its configuration has none; set OperatorConfiguration.caller."
        case .invalidSetting(let key, let typeName, let problem):
            return "The setting '\(key)' of \(subject) cannot be read as \(typeName): "
                + "\(problem). Give it a value of that type."
        }
    }
}
