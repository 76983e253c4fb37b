import Foundation

extension DecodingError {
    /// Where decoding failed, and what was wrong there as a clause a reader (or a model)
    /// can act on: "the field 'port' should be an integer (…)".
    var explanation: (fieldPath: String, problem: String) {
        switch self {
        case .keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).fieldPath
            return (path, "the required field '\(path)' is missing")
        case .typeMismatch(let type, let context):
            let path = context.codingPath.fieldPath
            return (path, "\(Self.subject(path)) should be \(Self.noun(for: type))"
                + Self.aside(context))
        case .valueNotFound(let type, let context):
            let path = context.codingPath.fieldPath
            return (path, "\(Self.subject(path)) is null but should be \(Self.noun(for: type))")
        case .dataCorrupted(let context):
            let path = context.codingPath.fieldPath
            return (path, "\(Self.subject(path)) is not an accepted value" + Self.aside(context))
        @unknown default:
            return ("", "it could not be decoded (\(self))")
        }
    }

    private static func subject(_ path: String) -> String {
        path.isEmpty ? "the value" : "the field '\(path)'"
    }

    private static func aside(_ context: Context) -> String {
        let text = context.debugDescription.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return "" }
        let sentence = text.hasSuffix(".") ? String(text.dropLast()) : text
        return " (\(sentence))"
    }

    /// The JSON a Swift type is read from, with an article: "an integer", "an object".
    private static func noun(for type: any Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is any BinaryInteger.Type: return "an integer"
        case is any BinaryFloatingPoint.Type, is Decimal.Type: return "a number"
        case is [Any].Type: return "an array"
        case is [String: Any].Type: return "an object"
        default: return "a value of type '\(type)'"
        }
    }
}
