import EmberOperators
import Foundation
import Testing

private struct Service: Decodable, Equatable, Sendable {
    var service: String
    var port: Int
}

private struct Counter: Decodable, Equatable, Sendable {
    var a: Int
}

private struct Other: Decodable, Equatable, Sendable {
    var b: Int
}

private struct Verdict: Decodable, Equatable, Sendable {
    var verdict: String
    var note: String
}

private struct Status: Decodable, Equatable, Sendable {
    var ok: Bool
}

private struct Event: Decodable, Equatable, Sendable {
    var at: Date
}

private struct Team: Decodable, Equatable, Sendable {
    struct Member: Decodable, Equatable, Sendable {
        enum Role: String, Decodable, Equatable, Sendable { case lead, engineer }
        var name: String
        var role: Role
    }

    var members: [Member]
}

/// A reply and the value it must decode to, whatever its type.
struct ExtractionCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let text: String
    /// Decodes `text` and returns what was decoded and what was expected, as text.
    let decode: @Sendable (String) throws -> (decoded: String, expected: String)

    fileprivate init<T: Decodable & Equatable & Sendable>(_ name: String, _ text: String,
                                                          _ expected: T) {
        testDescription = name
        self.text = text
        decode = { text in
            let value = try StructuredOutputDecoder().decode(T.self, from: text)
            return (String(describing: value), String(describing: expected))
        }
    }
}

@Suite("Structured output decoding")
struct StructuredOutputDecoderTests {
    static let cases: [ExtractionCase] = [
        ExtractionCase("a json fence", "```json\n{\"service\": \"api\", \"port\": 8080}\n```",
                       Service(service: "api", port: 8080)),
        ExtractionCase("an upper-case JSON fence with CRLF line ends",
                       "```JSON\r\n{\"a\":1}\r\n```", Counter(a: 1)),
        ExtractionCase("prose around an object with braces in a string",
                       "Here is the result:\n{\"verdict\":\"ok\",\"note\":\"use {braces} freely\"}"
                           + "\nLet me know.",
                       Verdict(verdict: "ok", note: "use {braces} freely")),
        ExtractionCase("escaped quotes and a brace inside a string",
                       #"Sure: {"verdict":"ok","note":"she said \"}\" twice"} done"#,
                       Verdict(verdict: "ok", note: #"she said "}" twice"#)),
        ExtractionCase("a json fence wins over a bash fence that does not decode",
                       "Run:\n```bash\necho {}\n```\nResult:\n```json\n{\"ok\":true}\n```",
                       Status(ok: true)),
        ExtractionCase("of two objects, the first that decodes", "{\"a\":1}\n{\"b\":2}",
                       Counter(a: 1)),
        ExtractionCase("of two objects, the second when only it decodes",
                       "{\"a\":1}\n{\"b\":2}", Other(b: 2)),
        ExtractionCase("an unlabelled fence", "```\n{\"a\":3}\n```", Counter(a: 3)),
        ExtractionCase("an object nested in one that does not decode",
                       #"{"result": {"a": 4}}"#, Counter(a: 4)),
        ExtractionCase("a top-level array of objects in a fence",
                       "```json\n[{\"a\":1},{\"a\":2}]\n```", [Counter(a: 1), Counter(a: 2)]),
        ExtractionCase("a top-level array of numbers in prose", "The primes: [2, 3, 5].",
                       [2, 3, 5]),
        ExtractionCase("a bare JSON number", " 42\n", 42),
        ExtractionCase("an ISO 8601 date", #"{"at":"2024-05-01T12:30:00Z"}"#,
                       Event(at: Date(timeIntervalSince1970: 1_714_566_600))),
        ExtractionCase("an ISO 8601 date with fractional seconds",
                       #"{"at":"2024-05-01T12:30:00.500Z"}"#,
                       Event(at: Date(timeIntervalSince1970: 1_714_566_600.5))),
        ExtractionCase("a bare ISO 8601 date, as UTC midnight", #"{"at":"2024-05-01"}"#,
                       Event(at: Date(timeIntervalSince1970: 1_714_521_600))),
        ExtractionCase("nested arrays, objects and an enumeration",
                       #"Team: {"members":[{"name":"Ada","role":"lead"}]}"#,
                       Team(members: [.init(name: "Ada", role: .lead)])),
        ExtractionCase("a fence never closed (a reply cut short after the JSON)",
                       "```json\n{\"a\":5}\n", Counter(a: 5)),
    ]

    @Test("the JSON is found and decoded", arguments: cases)
    func decodes(_ testCase: ExtractionCase) throws {
        let result = try testCase.decode(testCase.text)
        #expect(result.decoded == result.expected)
    }

    @Test("a reply without JSON is a no-JSON error carrying the text, which it does not quote")
    func noJSON() throws {
        let error = try #require(throws: StructuredOutputError.self) {
            try StructuredOutputDecoder().decode(Verdict.self, from: "I cannot comply.")
        }
        #expect(error.kind == .noJSONFound)
        #expect(error.rawText == "I cannot comply.")
        #expect(error.typeName == "Verdict")
        #expect(error.fieldPath == nil)
        #expect(error.description.contains("contains no JSON value to read as 'Verdict'"))
        #expect(!error.description.contains("comply"))
    }

    @Test("a value of the wrong type is a mismatch naming the field and the type wanted")
    func typeMismatch() throws {
        let text = "```json\n{\"service\": \"api\", \"port\": \"8080\"}\n```"
        let error = try #require(throws: StructuredOutputError.self) {
            try StructuredOutputDecoder().decode(Service.self, from: text)
        }
        #expect(error.kind == .mismatch)
        #expect(error.rawText == text)
        #expect(error.fieldPath == "port")
        #expect(error.detail.hasPrefix("the field 'port' should be an integer"))
        #expect(error.description.contains("does not fit 'Service': the field 'port'"))
    }

    @Test("a missing field, a bad enumeration value and a nested path are explained")
    func otherMismatches() throws {
        let decoder = StructuredOutputDecoder()
        let missing = try #require(throws: StructuredOutputError.self) {
            try decoder.decode(Service.self, from: #"{"service": "api"}"#)
        }
        #expect(missing.detail == "the required field 'port' is missing")
        #expect(missing.fieldPath == "port")

        let badRole = try #require(throws: StructuredOutputError.self) {
            try decoder.decode(Team.self, from: #"{"members":[{"name":"Ada","role":"boss"}]}"#)
        }
        #expect(badRole.fieldPath == "members[0].role")
        #expect(badRole.detail.hasPrefix("the field 'members[0].role' is not an accepted value"))

        let nullName = try #require(throws: StructuredOutputError.self) {
            try decoder.decode(Team.self, from: #"{"members":[{"name":null,"role":"lead"}]}"#)
        }
        #expect(nullName.detail.hasPrefix("the field 'members[0].name' is null"))
    }

    @Test("the mismatch explained is the first JSON value tried: a json fence before prose")
    func firstMismatchIsExplained() throws {
        let text = "Maybe {\"port\": 1}?\n```json\n{\"service\": 7, \"port\": 1}\n```"
        let error = try #require(throws: StructuredOutputError.self) {
            try StructuredOutputDecoder().decode(Service.self, from: text)
        }
        #expect(error.fieldPath == "service")
    }
}
