import EmberModels
import EmberOperators
import Foundation
import Testing

/// A deployment record with one field of each kind derivation knows.
private struct Deployment: Decodable {
    enum Level: String, Decodable, CaseIterable { case low, high }

    struct Owner: Decodable {
        var name: String
        var email: String?
    }

    var service: String
    var port: Int
    var ratio: Double
    var isEnabled: Bool
    var tags: [String]
    var level: Level
    var owner: Owner
    var note: String?
    var startedAt: Date?
    var labels: [String: Int]
    var id: UUID

    // A synthesized decoder reads keys in the order of its CodingKeys.
    enum CodingKeys: String, CodingKey {
        case service, port, ratio
        case isEnabled = "is_enabled"
        case tags, level, owner, note
        case startedAt = "started_at"
        case labels, id
    }
}

/// A port whose decoder refuses numbers outside 1...65535, as a validating type does.
private struct Port: Decodable {
    var number: Int

    init(number: Int) { self.number = number }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        number = try container.decode(Int.self)
        guard (1...65535).contains(number) else {
            throw DecodingError.dataCorruptedError(in: container,
                                                   debugDescription: "not a TCP port")
        }
    }
}

private struct Server: Decodable {
    var host: String
    var port: Port
}

/// The same port, stating its schema so that derivation need not decode it.
private struct DescribedPort: Decodable, SchemaDescribable {
    var number: Int

    init(from decoder: any Decoder) throws {
        number = try Port(from: decoder).number
    }

    private init(number: Int) { self.number = number }

    static let jsonSchema = JSONSchema.integer.summarized("A TCP port, 1-65535.")
    static let schemaPlaceholder = DescribedPort(number: 80)
}

private struct DescribedServer: Decodable {
    var port: DescribedPort
}

private enum Mood: String, Decodable { case calm, tense }

private struct Diary: Decodable {
    var moods: [Mood]
}

/// A set of choices that is empty (an enum without cases cannot have a raw type).
private struct NoChoice: RawRepresentable, CaseIterable, Decodable {
    var rawValue: String
    init?(rawValue: String) { nil }
    static var allCases: [NoChoice] { [] }
}

private struct Impossible: Decodable {
    var never: NoChoice
}

private final class TreeNode: Decodable {
    let name: String
    let children: [TreeNode]
    let parent: TreeNode?
}

private final class Chain: Decodable {
    let next: Chain
}

@Suite("JSON schema derivation")
struct JSONSchemaDerivationTests {
    @Test("fields keep their CodingKeys names and reading order; optionals are not required")
    func fieldsOfARecord() throws {
        let fields = try JSONSchema.fields(of: Deployment.self)
        #expect(fields.map(\.name) == ["service", "port", "ratio", "is_enabled", "tags", "level",
                                       "owner", "note", "started_at", "labels", "id"])
        let optional = fields.filter { !$0.isRequired }.map(\.name)
        #expect(optional == ["note", "started_at"])
    }

    @Test("each Swift type maps to its JSON type")
    func fieldKinds() throws {
        let schema = try JSONSchema.derived(from: Deployment.self)
        let byName = Dictionary(uniqueKeysWithValues: schema.properties.map {
            ($0.name, $0.schema)
        })
        #expect(schema.kind == .object)
        #expect(byName["service"] == .string())
        #expect(byName["port"] == .integer)
        #expect(byName["ratio"] == .number)
        #expect(byName["is_enabled"] == .boolean)
        #expect(byName["tags"] == .array(of: .string()))
        #expect(byName["level"] == .enumeration(["low", "high"]))
        #expect(byName["started_at"] == .string(format: "date-time"))
        #expect(byName["labels"] == .dictionary(of: .integer))
        #expect(byName["id"] == .string(format: "uuid"))
        #expect(byName["owner"] == .object([
            SchemaField(name: "name", schema: .string()),
            SchemaField(name: "email", schema: .string(), isRequired: false),
        ]))
    }

    @Test("a top-level array, an optional and a scalar derive too")
    func topLevelShapes() throws {
        let owners = try JSONSchema.derived(from: [Deployment.Owner].self)
        #expect(owners.kind == .array)
        #expect(owners.items?.properties.map(\.name) == ["name", "email"])
        #expect(try JSONSchema.derived(from: Int?.self) == JSONSchema.integer.nullable())
        #expect(try JSONSchema.derived(from: [[Bool]].self) == .array(of: .array(of: .boolean)))
        #expect(try JSONSchema.fields(of: String.self).isEmpty)
    }

    @Test("a type whose decoder rejects the placeholders is an error naming it and its field")
    func validatingType() throws {
        let error = try #require(throws: JSONSchemaError.self) {
            try JSONSchema.derived(from: Server.self)
        }
        #expect(error.typeName == "Port")
        #expect(error.fieldPath == "port")
        #expect(error.description.contains("'Port' (at 'port')"))
        #expect(error.description.contains("SchemaDescribable"))
    }

    @Test("a SchemaDescribable type gives its own schema")
    func describableType() throws {
        let schema = try JSONSchema.derived(from: DescribedServer.self)
        #expect(schema.properties == [
            SchemaField(name: "port", schema: .integer.summarized("A TCP port, 1-65535.")),
        ])
    }

    @Test("a String enumeration that is not CaseIterable is an error that says to make it so")
    func enumerationWithoutCases() throws {
        let error = try #require(throws: JSONSchemaError.self) {
            try JSONSchema.derived(from: Diary.self)
        }
        #expect(error.typeName == "Mood")
        #expect(error.fieldPath == "moods[0]")
        #expect(error.description.contains("CaseIterable"))
    }

    @Test("an enumeration without cases is an error")
    func emptyEnumeration() throws {
        let error = try #require(throws: JSONSchemaError.self) {
            try JSONSchema.derived(from: Impossible.self)
        }
        #expect(error.typeName == "NoChoice")
        #expect(error.description.contains("has no cases"))
    }

    @Test("a tree is described one level deep, its recursion as any value")
    func recursiveType() throws {
        let schema = try JSONSchema.derived(from: TreeNode.self)
        #expect(schema.properties.map(\.name) == ["name", "children", "parent"])
        #expect(schema.properties.map(\.isRequired) == [true, true, false])
        let children = try #require(schema.properties.first { $0.name == "children" })
        #expect(children.schema.items?.kind == nil)
        #expect(children.schema.items?.summary == "A value of the same shape as TreeNode.")
        let parent = try #require(schema.properties.last)
        #expect(parent.schema.kind == nil)
    }

    @Test("a type that contains itself directly is an error")
    func directRecursion() throws {
        let error = try #require(throws: JSONSchemaError.self) {
            try JSONSchema.derived(from: Chain.self)
        }
        #expect(error.typeName == "Chain")
        #expect(error.fieldPath == "next")
    }
}
