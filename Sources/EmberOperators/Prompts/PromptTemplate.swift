import Foundation

/// A prompt with `{field}` placeholders, parsed once so that rendering cannot fail on syntax.
///
/// `{{` and `}}` stand for literal braces. A placeholder's name is letters, digits and `_`
/// (dotted paths such as `{item.question}` are allowed too).
public struct PromptTemplate: Sendable, Hashable, CustomStringConvertible {
    /// A literal run of text or a placeholder.
    enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    /// The template as written.
    public let text: String
    let segments: [Segment]

    /// Parses `text`.
    ///
    /// - Throws: ``PromptError`` for an unclosed `{`, a lone `}`, or an empty or malformed
    ///   placeholder name, with its character offset.
    public init(_ text: String) throws(PromptError) {
        self.text = text
        var segments: [Segment] = []
        var literal = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "{" && next == "{" || character == "}" && next == "}" {
                literal.append(character)
                index += 2
            } else if character == "}" {
                throw .loneClosingBrace(offset: index, template: text)
            } else if character == "{" {
                guard let close = characters[index...].firstIndex(of: "}") else {
                    throw .unclosedPlaceholder(offset: index, template: text)
                }
                let name = String(characters[(index + 1)..<close])
                    .trimmingCharacters(in: .whitespaces)
                guard Self.isValidName(name) else {
                    throw .invalidPlaceholder(name, offset: index, template: text)
                }
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.placeholder(name))
                index = close + 1
            } else {
                literal.append(character)
                index += 1
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    /// The placeholder names, in the order of first use.
    public var placeholders: [String] {
        var seen = Set<String>()
        return segments.compactMap { segment in
            guard case .placeholder(let name) = segment, seen.insert(name).inserted else {
                return nil
            }
            return name
        }
    }

    /// The template with every placeholder replaced by its value.
    ///
    /// - Throws: ``PromptError`` naming the first placeholder `values` has no value for.
    public func render(_ values: [String: String]) throws(PromptError) -> String {
        var rendered = ""
        for segment in segments {
            switch segment {
            case .literal(let text):
                rendered += text
            case .placeholder(let name):
                guard let value = values[name] else {
                    throw .missingValue(name, template: text)
                }
                rendered += value
            }
        }
        return rendered
    }

    public var description: String { text }

    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
            }
    }
}
