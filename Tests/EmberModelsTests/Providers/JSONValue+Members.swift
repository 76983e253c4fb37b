import Foundation
import EmberModels

extension JSONValue {
    /// The JSON a recorded request body holds.
    static func body(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The member of an object with this name; `nil` when there is none or this is no object.
    subscript(member name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[name]
    }

    /// The names of an object's members; empty for any other value.
    var memberNames: Set<String> {
        guard case .object(let members) = self else { return [] }
        return Set(members.keys)
    }
}

/// A small schema for the response-format tests: `{verdict: string}`, required.
let verdictSchema = JSONValue.object([
    "type": .string("object"),
    "properties": .object(["verdict": .object(["type": .string("string")])]),
    "required": .array([.string("verdict")]),
    "additionalProperties": .bool(false),
])
