import EmberModels
import Foundation
import Testing

@Suite("Header field names compare without regard to ASCII case")
struct HTTPHeaderNameTests {
    @Test(arguments: [
        ("Content-Type", "content-type"),
        ("retry-after-ms", "Retry-After-MS"),
        ("X-Request-ID", "x-request-id"),
        ("anthropic-ratelimit-tokens-remaining", "Anthropic-RateLimit-Tokens-Remaining"),
    ])
    func namesThatDifferOnlyInCaseMatch(name: String, other: String) {
        #expect(HTTPHeader(name: name, value: "v").hasName(other))
    }

    @Test(arguments: [
        // '[' and '{' differ only in the bit that separates letters' cases, but are not
        // letters, so they must not match.
        ("a[", "a{"),
        ("Retry-After", "Retry-After-Ms"),
        ("Retry-After", "Retry_After"),
        ("", "x"),
        // Non-ASCII letters are compared exactly: field names are ASCII tokens.
        ("Straße", "STRASSE"),
    ])
    func otherNamesDoNotMatch(name: String, other: String) {
        #expect(!HTTPHeader(name: name, value: "v").hasName(other))
    }

    @Test func aResponseFindsTheFirstFieldOfAName() {
        let response = HTTPResponse(status: 429, headers: [
            HTTPHeader(name: "Content-Type", value: "application/json"),
            HTTPHeader(name: "retry-after", value: "3"),
            HTTPHeader(name: "Retry-After", value: "9"),
        ], body: .init())
        #expect(response.header(named: "RETRY-AFTER") == "3")
        #expect(response.header(named: "retry-after-ms") == nil)
    }
}
