/// The key a response is cached under: a SHA-256 of a canonical encoding of everything that
/// shapes the response.
///
/// The encoding is a JSON object with sorted keys holding the key format's version, the
/// provider and model, every sampling parameter, every message (role, content, tool calls,
/// tool call id), the response format with its schema, and the sample index. An absent
/// value is written as `null`, never left out, so a request that sets a value and one that
/// leaves it to the provider have different keys. Strings are quoted and escaped and numbers
/// written in full (a `Double` as its shortest exact decimal), so two requests that differ
/// in any of these have different encodings.
///
/// A field added to ``ModelRequest`` later is added to the encoding as a new member: old
/// entries, which lack it, stop matching (they are misses, never wrong answers). A change to
/// how an existing field is encoded raises ``formatVersion``.
public struct ResponseCacheKey: Sendable, Hashable, CustomStringConvertible {
    /// The version of the encoding, part of every key.
    public static let formatVersion = 1

    /// The 64 lower-case hex digits of the encoding's SHA-256.
    public let digest: String
    /// The canonical encoding the digest is taken of, as JSON text.
    public let canonicalText: String

    /// The key of a request to a model.
    public init(request: ModelRequest, model: ModelID) {
        var text = ""
        Self.write(Self.encoding(of: request, model: model), to: &text)
        canonicalText = text
        digest = SHA256Hasher.hexDigest(of: canonicalText)
    }

    public var description: String { digest }

    private static func encoding(of request: ModelRequest, model: ModelID) -> JSONValue {
        let parameters = request.parameters
        return .object([
            "version": .integer(formatVersion),
            "provider": .string(model.provider),
            "model": .string(model.model),
            "parameters": .object([
                "temperature": optional(parameters.temperature, JSONValue.number),
                "maximum_tokens": optional(parameters.maximumTokens, JSONValue.integer),
                "top_p": optional(parameters.topP, JSONValue.number),
                "seed": optional(parameters.seed, JSONValue.integer),
                "stop_sequences": .array(parameters.stopSequences.map(JSONValue.string)),
            ]),
            "messages": .array(request.messages.map(encoding(of:))),
            "response_format": optional(request.responseFormat, encoding(of:)),
            "sample_index": optional(request.sampleIndex, JSONValue.integer),
        ])
    }

    /// A message's fields; the provider turn only where there is one, so that the keys of
    /// messages without one stay as they were before it existed.
    private static func encoding(of message: ChatMessage) -> JSONValue {
        var fields: [String: JSONValue] = [
            "role": .string(message.role.rawValue),
            "content": optional(message.content, JSONValue.string),
            "tool_calls": .array(message.toolCalls.map { call in
                .object(["id": .string(call.id), "name": .string(call.name),
                         "arguments": .string(call.arguments)])
            }),
            "tool_call_id": optional(message.toolCallID, JSONValue.string),
        ]
        if let turn = message.providerTurn {
            fields["provider_turn"] = .object(["format": .string(turn.format.rawValue),
                                               "content": turn.content])
        }
        return .object(fields)
    }

    private static func encoding(of format: ResponseFormat) -> JSONValue {
        if let name = format.schemaName {
            return .object([
                "kind": .string("json_schema"), "name": .string(name),
                "schema": format.schema ?? .null, "strict": .bool(format.isStrict),
            ])
        }
        return .object(["kind": .string(format.isJSON ? "json_object" : "text")])
    }

    /// Writes a value as compact JSON, object members sorted by name; a `Double` as its
    /// shortest exact decimal (`0.7`, `1.0`, `nan`), which keeps it apart from an integer.
    private static func write(_ value: JSONValue, to text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .integer(let number): text += String(number)
        case .number(let number): text += "\(number)"
        case .string(let string): writeQuoted(string, to: &text)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                write(element, to: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, name) in members.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                writeQuoted(name, to: &text)
                text += ":"
                write(members[name]!, to: &text)
            }
            text += "}"
        }
    }

    private static func writeQuoted(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    private static func optional<Value>(_ value: Value?, _ encode: (Value) -> JSONValue)
        -> JSONValue
    {
        value.map(encode) ?? .null
    }
}
