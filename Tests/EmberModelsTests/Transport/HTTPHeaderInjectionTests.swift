import EmberTestSupport
import Foundation
import Testing
@testable import EmberModels

/// A carriage return, line feed or NUL in a header would let one field pose as several, so
/// the client refuses such a request before libcurl sees it.
@Suite("HTTP header injection", .timeLimit(.minutes(1)))
struct HTTPHeaderInjectionTests {
    let client = HTTPClient()

    static let unsafeHeaders: [HTTPHeader] = [
        HTTPHeader(name: "Authorization", value: "Bearer sk-abc\nX-Injected: yes"),
        HTTPHeader(name: "Authorization", value: "Bearer sk-abc\r\nX-Injected: yes"),
        HTTPHeader(name: "Authorization", value: "Bearer sk-abc\rX-Injected: yes"),
        HTTPHeader(name: "Authorization", value: "Bearer sk-abc\0"),
        HTTPHeader(name: "X-Bad\r\nX-Injected", value: "yes"),
    ]

    @Test("a header with CR, LF or NUL is refused before anything is sent",
          arguments: unsafeHeaders)
    func refused(_ header: HTTPHeader) async throws {
        let server = try LoopbackHTTPServer.start { _ in .respond(status: 200, body: Data()) }
        defer { server.stop() }
        for isStreaming in [false, true] {
            let request = HTTPRequest(method: .post, url: server.baseURL + "/v1",
                                      headers: [HTTPHeader(name: "X-Fine", value: "1"), header],
                                      body: Data("{}".utf8))
            let error = await #expect(throws: HTTPClientError.self) {
                if isStreaming {
                    for try await _ in try await client.stream(request).body {}
                } else {
                    _ = try await client.send(request)
                }
            }
            #expect(error?.isInvalidHeader == true)
            #expect(error?.isInvalidRequest == true)
            #expect(error?.description.contains("sk-abc") == false)
            #expect(error?.description.contains("\n") == false)
        }
        #expect(server.requests.isEmpty)
        // The server was there all along: a clean request reaches it, alone.
        let response = try await client.send(HTTPRequest(url: server.baseURL + "/ok"))
        #expect(response.status == 200)
        #expect(server.requests.map(\.path) == ["/ok"])
    }

    @Test("the error names the header, not its value")
    func namesTheHeader() async throws {
        let server = try LoopbackHTTPServer.start { _ in .respond(status: 200, body: Data()) }
        defer { server.stop() }
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPRequest(url: server.baseURL, headers: [
                HTTPHeader(name: "x-api-key", value: "secret\nX-Injected: yes"),
            ]))
        }
        #expect(error?.detail == "x-api-key")
        #expect(error?.description.contains("header 'x-api-key'") == true)
        #expect(error?.description.contains("secret") == false)
    }

    @Test("a provider whose API key holds a line break sends nothing")
    func providerKey() async throws {
        let server = try LoopbackHTTPServer.start { _ in .json("{}") }
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(
            baseURL: server.baseURL + "/v1", apiKey: "sk-abc\nX-Injected: yes", client: client)
        await #expect(throws: (any Error).self) {
            try await provider.complete(ModelRequest(prompt: "hi"), model: "m")
        }
        #expect(server.requests.isEmpty)
    }
}
