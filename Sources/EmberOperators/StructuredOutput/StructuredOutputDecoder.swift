import EmberModels
import Foundation

/// Reads a value of a `Decodable` type out of a model's reply, wherever in it the JSON is.
///
/// Models wrap JSON in Markdown fences, put prose around it, or answer with several values.
/// The decoder tries the places JSON may be, in this order, and returns the first that
/// decodes as the type:
///
/// 1. the whole reply, without surrounding whitespace;
/// 2. each fenced block labelled `json` (in any case), in order;
/// 3. each other fenced block, in order;
/// 4. each complete, balanced `{…}` or `[…]` in the reply, by where it starts, nested ones
///    included. Braces inside JSON strings are not structure, escaped quotes included.
///
/// So the rule is: the first complete, balanced JSON value that decodes as the type, fenced
/// `json` blocks first. Of `{"a":1} {"b":2}`, a type with a required `b` gets the second.
/// Dates are read as ISO 8601 text (with or without fractional seconds, or a bare date),
/// the `date-time` strings a ``JSONSchema`` asks for.
///
/// ```swift
/// let verdict = try StructuredOutputDecoder().decode(Verdict.self, from: response.text ?? "")
/// ```
public struct StructuredOutputDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes the first JSON value in `text` that fits `type`.
    ///
    /// - Throws: ``StructuredOutputError`` of kind ``StructuredOutputError/Kind/noJSONFound``
    ///   when the text holds no JSON value, or ``StructuredOutputError/Kind/mismatch`` when
    ///   it does but none decodes as `type`; a mismatch explains the first value tried (by
    ///   the order above): which field did not fit, and how.
    public func decode<T: Decodable>(_ type: T.Type, from text: String)
        throws(StructuredOutputError) -> T
    {
        let bytes = Array(text.utf8)
        var attempts = Attempts<T>(bytes: bytes, decoder: Self.jsonDecoder())
        let fences = MarkdownFence.fences(in: bytes)
        let fenced = fences.filter(\.isJSON) + fences.filter { !$0.isJSON }
        if let value = attempts.decode(0..<bytes.count) { return value }
        for fence in fenced {
            if let value = attempts.decode(fence.content) { return value }
        }
        for span in JSONSpans.balanced(in: bytes) {
            if let value = attempts.decode(span) { return value }
        }
        let typeName = String(describing: type)
        if let mismatch = attempts.firstMismatch {
            throw .mismatch(mismatch, rawText: text, typeName: typeName)
        }
        throw .noJSONFound(rawText: text, typeName: typeName)
    }

    /// A JSON decoder reading dates as ISO 8601 text.
    private static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            for style in dateStyles {
                if let date = try? Date(text, strategy: style) { return date }
            }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an ISO 8601 date and time")
        }
        return decoder
    }

    private static let dateStyles: [Date.ISO8601FormatStyle] = [
        Date.ISO8601FormatStyle(),
        Date.ISO8601FormatStyle(includingFractionalSeconds: true),
        Date.ISO8601FormatStyle().year().month().day(),
    ]
}

/// The candidates tried so far, each once, and the first failure of one that was JSON.
private struct Attempts<T: Decodable> {
    let bytes: [UInt8]
    let decoder: JSONDecoder
    private(set) var firstMismatch: DecodingError?
    private var tried: Set<Range<Int>> = []

    init(bytes: [UInt8], decoder: JSONDecoder) {
        self.bytes = bytes
        self.decoder = decoder
    }

    /// The value the bytes of `range` decode to, or `nil` when they are empty, were tried
    /// before, or do not decode.
    mutating func decode(_ range: Range<Int>) -> T? {
        let range = JSONSpans.trimmed(range, in: bytes)
        guard !range.isEmpty, tried.insert(range).inserted else { return nil }
        let data = Data(bytes[range])
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            if firstMismatch == nil, (try? decoder.decode(JSONValue.self, from: data)) != nil {
                firstMismatch = error
            }
            return nil
        } catch {
            return nil
        }
    }
}
