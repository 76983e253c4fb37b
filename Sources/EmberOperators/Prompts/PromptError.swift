/// A prompt template or specification that cannot be used, with where and why.
public struct PromptError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case loneClosingBrace(offset: Int)
        case unclosedPlaceholder(offset: Int)
        case invalidPlaceholder(String, offset: Int)
        case missingValue(String)
        case unknownField(String, known: [String])
        case unusedField(String)
        case unreadableType(String, reason: String)
    }

    private let code: Code
    /// The template the error is about.
    public let template: String

    static func loneClosingBrace(offset: Int, template: String) -> Self {
        Self(code: .loneClosingBrace(offset: offset), template: template)
    }

    static func unclosedPlaceholder(offset: Int, template: String) -> Self {
        Self(code: .unclosedPlaceholder(offset: offset), template: template)
    }

    static func invalidPlaceholder(_ name: String, offset: Int, template: String) -> Self {
        Self(code: .invalidPlaceholder(name, offset: offset), template: template)
    }

    static func missingValue(_ name: String, template: String) -> Self {
        Self(code: .missingValue(name), template: template)
    }

    static func unknownField(_ name: String, known: [String], template: String) -> Self {
        Self(code: .unknownField(name, known: known), template: template)
    }

    static func unusedField(_ name: String, template: String) -> Self {
        Self(code: .unusedField(name), template: template)
    }

    static func unreadableType(_ type: String, reason: String, template: String) -> Self {
        Self(code: .unreadableType(type, reason: reason), template: template)
    }

    /// The placeholder or field the error names, if it names one.
    public var field: String? {
        switch code {
        case .invalidPlaceholder(let name, _), .missingValue(let name),
             .unknownField(let name, _), .unusedField(let name):
            name
        case .loneClosingBrace, .unclosedPlaceholder, .unreadableType:
            nil
        }
    }

    public var description: String {
        let quoted = "\"\(template.count > 80 ? template.prefix(77) + "..." : template)\""
        switch code {
        case .loneClosingBrace(let offset):
            return "A '}' at offset \(offset) in the template \(quoted) closes nothing; "
                + "write '}}' for a literal brace."
        case .unclosedPlaceholder(let offset):
            return "The '{' at offset \(offset) in the template \(quoted) is never closed; "
                + "write '{{' for a literal brace."
        case .invalidPlaceholder(let name, let offset):
            return "The placeholder '{\(name)}' at offset \(offset) in the template \(quoted) "
                + "is not a field name (letters, digits, '_' and '.')."
        case .missingValue(let name):
            return "No value for the placeholder '{\(name)}' of the template \(quoted)."
        case .unknownField(let name, let known):
            return "The placeholder '{\(name)}' in the template \(quoted) names no field of "
                + "the input; its fields are \(known.joined(separator: ", "))."
        case .unusedField(let name):
            return "The input's required field '\(name)' appears nowhere in the template "
                + "\(quoted); add '{\(name)}', or switch the check off."
        case .unreadableType(let type, let reason):
            return "The fields of \(type) cannot be read for the template \(quoted): \(reason)"
        }
    }
}
