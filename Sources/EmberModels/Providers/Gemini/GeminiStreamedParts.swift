/// The parts of a streamed Gemini reply, gathered across its chunks so that the next
/// request can send them back (``ProviderTurn``).
///
/// A stream spreads the text of one answer over many parts, one or more per chunk, and
/// may put the thought signature on a later part of its own, often one of empty text.
/// Consecutive text parts of one kind (answer or thought) are joined into one, which takes
/// the signature of the part that ends the run; a signed part ends a run. Every other part
/// (a function call, with or without its signature) is kept as it came.
struct GeminiStreamedParts {
    private static let textKeys: Set<String> = ["text", "thought"]

    private(set) var parts: [JSONValue] = []
    private var isSigned = false

    /// Adds the next part of the reply.
    mutating func append(_ part: JSONValue) {
        guard case .object(let fields) = part else {
            parts.append(part)
            return
        }
        if fields["thoughtSignature"] != nil { isSigned = true }
        if case .object(let last)? = parts.last, let joined = Self.joining(last, fields) {
            parts[parts.count - 1] = .object(joined)
        } else {
            parts.append(part)
        }
    }

    /// The reply's parts as a provider turn, or `nil` when no part carried a signature and
    /// there is nothing the next request must send back.
    var providerTurn: ProviderTurn? {
        isSigned ? ProviderTurn(format: .gemini, content: .array(parts)) : nil
    }

    /// One text part of `earlier` followed by `later`, or `nil` when they are not two
    /// pieces of one run of text.
    private static func joining(_ earlier: [String: JSONValue], _ later: [String: JSONValue])
        -> [String: JSONValue]?
    {
        guard Set(earlier.keys).isSubset(of: textKeys),
              Set(later.keys).isSubset(of: textKeys.union(["thoughtSignature"])),
              case .string(let first)? = earlier["text"],
              case .string(let second)? = later["text"],
              isThought(earlier) == isThought(later)
        else { return nil }
        var joined = later
        joined["text"] = .string(first + second)
        return joined
    }

    private static func isThought(_ part: [String: JSONValue]) -> Bool {
        part["thought"] == .bool(true)
    }
}
