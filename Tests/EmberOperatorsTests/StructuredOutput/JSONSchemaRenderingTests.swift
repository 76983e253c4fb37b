import EmberModels
import EmberOperators
import Foundation
import Testing

private struct Incident: Decodable {
    enum Severity: String, Decodable, CaseIterable { case low, high }

    struct Owner: Decodable {
        var name: String
        var email: String?
    }

    var title: String
    var severity: Severity
    var owners: [Owner]
    var note: String?
}

@Suite("JSON schema rendering")
struct JSONSchemaRenderingTests {
    @Test("jsonValue is a JSON Schema document: types, enum, required, closed objects")
    func jsonValue() throws {
        let schema = try JSONSchema.derived(from: Incident.self)
        let owner = JSONValue.object([
            "type": .string("object"),
            "properties": .object([
                "name": .object(["type": .string("string")]),
                "email": .object(["type": .string("string")]),
            ]),
            "required": .array([.string("name")]),
            "additionalProperties": .bool(false),
        ])
        #expect(schema.jsonValue == .object([
            "type": .string("object"),
            "properties": .object([
                "title": .object(["type": .string("string")]),
                "severity": .object([
                    "type": .string("string"), "enum": .array([.string("low"), .string("high")]),
                ]),
                "owners": .object(["type": .string("array"), "items": owner]),
                "note": .object(["type": .string("string")]),
            ]),
            "required": .array([.string("title"), .string("severity"), .string("owners")]),
            "additionalProperties": .bool(false),
        ]))
        #expect(schema.jsonText.hasPrefix(#"{"additionalProperties":false,"properties":"#))
    }

    @Test("strictJSONValue requires every member and lets optional ones be null")
    func strictJSONValue() throws {
        let schema = try JSONSchema.derived(from: Incident.Owner.self)
        #expect(schema.strictJSONValue == .object([
            "type": .string("object"),
            "properties": .object([
                "name": .object(["type": .string("string")]),
                "email": .object(["type": .array([.string("string"), .string("null")])]),
            ]),
            "required": .array([.string("name"), .string("email")]),
            "additionalProperties": .bool(false),
        ]))
    }

    @Test("a strict reply with null for an optional member decodes as absent")
    func strictNullDecodes() throws {
        let owner = try StructuredOutputDecoder().decode(
            Incident.Owner.self, from: #"{"name":"Ada","email":null}"#)
        #expect(owner.name == "Ada")
        #expect(owner.email == nil)
    }

    @Test("the prompt description shows the shape in reading order, optional members marked")
    func promptDescription() throws {
        let schema = try JSONSchema.derived(from: Incident.self)
        #expect(schema.promptDescription == """
            Reply with only a JSON object of this shape, and no other text:
            {
              "title": string,
              "severity": "low" | "high",
              "owners": [{
                "name": string,
                "email"?: string
              }, ...],
              "note"?: string
            }
            Members marked ? may be left out.
            """)
    }

    @Test("other shapes: arrays, dictionaries, formats, nullables and summaries")
    func otherShapes() {
        let schema = JSONSchema.array(of: .object([
            SchemaField(name: "at", schema: .string(format: "date-time")),
            SchemaField(name: "scores", schema: .dictionary(of: .number)),
            SchemaField(name: "port", schema: JSONSchema.integer.nullable()
                .summarized("A TCP port.")),
        ]))
        #expect(schema.promptDescription == """
            Reply with only a JSON array of this shape, and no other text:
            [{
              "at": string (date-time),
              "scores": {"<name>": number, ...},
              "port": integer | null  // A TCP port.
            }, ...]
            """)
    }

    @Test("the repair prompt says what was wrong and restates the shape")
    func repairPrompt() throws {
        let schema = try JSONSchema.derived(from: Incident.Owner.self)
        let error = try #require(throws: StructuredOutputError.self) {
            try StructuredOutputDecoder().decode(Incident.Owner.self, from: #"{"email":"a@b"}"#)
        }
        #expect(schema.repairPrompt(for: error) == """
            Your last reply could not be used because the required field 'name' is missing. \
            Reply with only a JSON object of this shape, and no other text:
            {
              "name": string,
              "email"?: string
            }
            Members marked ? may be left out.
            """)
    }
}
