import EmberTestSupport
import Foundation
import Testing
@testable import EmberModels

@Suite("Streaming over HTTP", .timeLimit(.minutes(1)))
struct HTTPStreamingTests {
    let client = HTTPClient()

    static func delta(_ text: String) -> Data {
        Data(("data: " + #"{"choices":[{"index":0,"delta":{"content":"\#(text)"}}]}"#
            + "\n\n").utf8)
    }

    static let stop = Data(("data: " + #"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#
        + "\n\ndata: [DONE]\n\n").utf8)

    /// How long a stalling server holds a connection open: far longer than any test waits,
    /// so that only the client can close it within a test.
    static let longStall = Duration.seconds(600)
    /// How long a test waits for the server to see its connection closed.
    static let closeWait = Duration.seconds(20)

    func provider(_ server: LoopbackHTTPServer, idle: Duration = .seconds(60))
        -> OpenAICompatibleProvider
    {
        OpenAICompatibleProvider(baseURL: server.baseURL + "/v1", apiKey: "k", client: client,
                                 streamIdleTimeout: idle)
    }

    func collect(_ stream: AsyncThrowingStream<ModelStreamEvent, any Error>,
                 deltas: inout [String]) async throws -> ModelResponse? {
        var completed: ModelResponse?
        for try await event in stream {
            switch event {
            case .textDelta(let text): deltas.append(text)
            case .completed(let response): completed = response
            }
        }
        return completed
    }

    @Test("the body arrives in chunks as the server writes them")
    func chunkedBody() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Data("one ".utf8)), (.milliseconds(100), Data("two".utf8))])
        }
        defer { server.stop() }
        let response = try await client.stream(HTTPRequest(url: server.baseURL))
        #expect(response.status == 200)
        var text = ""
        for try await chunk in response.body { text += String(decoding: chunk, as: UTF8.self) }
        #expect(text == "one two")
    }

    @Test("a stream split mid-line and mid-character yields every delta and the request")
    func streamedCompletion() async throws {
        let bytes = Self.delta("Hé") + Self.delta("llo") + Self.stop
        let pieces = stride(from: 0, to: bytes.count, by: 7).map { offset in
            (delay: Duration.zero, bytes: Data(bytes[offset..<min(offset + 7, bytes.count)]))
        }
        let server = try LoopbackHTTPServer.start { _ in
            .stream(headers: ["Content-Type": "text/event-stream"], chunks: pieces)
        }
        defer { server.stop() }
        var deltas: [String] = []
        let response = try await collect(
            provider(server).stream(ModelRequest(prompt: "hi"), model: "m"), deltas: &deltas)
        #expect(deltas == ["Hé", "llo"])
        #expect(response?.text == "Héllo")
        #expect(response?.finishReason == .stop)
        let request = try #require(server.requests.first)
        let body = try #require(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(body["stream"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Bool])?["include_usage"] == true)
        #expect(request.header("accept") == "text/event-stream")
    }

    @Test("a server silent past the idle timeout ends in a retryable timeout keeping 'par'")
    func idleTimeout() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Self.delta("par"))], stall: Self.longStall)
        }
        defer { server.stop() }
        var deltas: [String] = []
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: ModelError.self) {
            _ = try await collect(
                provider(server, idle: .milliseconds(500)).stream(ModelRequest(prompt: "x"),
                                                                  model: "m"),
                deltas: &deltas)
        }
        #expect(clock.now - start >= .milliseconds(500))
        #expect(error?.kind == .timeout)
        #expect(error?.isRetryable == true)
        #expect(error?.partialText == "par")
        #expect(deltas == ["par"])
        // The server holds the connection for ten minutes: only the client can close it.
        try await waitUntil({ server.closedConnections == 1 }, limit: Self.closeWait)
    }

    @Test("a delta every 1.5 s with a 2 s idle timeout does not time out")
    func steadyStream() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Self.delta("a")), (.milliseconds(1500), Self.delta("b")),
                             (.milliseconds(1500), Self.delta("c")),
                             (.milliseconds(1500), Self.stop)])
        }
        defer { server.stop() }
        var deltas: [String] = []
        let response = try await collect(
            provider(server, idle: .seconds(2)).stream(ModelRequest(prompt: "x"), model: "m"),
            deltas: &deltas)
        #expect(response?.text == "abc")
    }

    @Test("comment lines every 0.5 s for 3 s keep a 2 s idle timeout from firing")
    func commentsCountAsActivity() async throws {
        // Without the comments, the first content arrives 3.5 s after the headers.
        let keepAlive = Data(": keep-alive\n\n".utf8)
        let comments = Array(repeating: (delay: Duration.milliseconds(500), bytes: keepAlive),
                             count: 6)
        let server = try LoopbackHTTPServer.start { _ in
            .stream(headers: ["Content-Type": "text/event-stream"],
                    chunks: comments + [(.milliseconds(500), Self.delta("Hi")),
                                        (.zero, Self.stop)])
        }
        defer { server.stop() }
        var deltas: [String] = []
        let response = try await collect(
            provider(server, idle: .seconds(2)).stream(ModelRequest(prompt: "x"), model: "m"),
            deltas: &deltas)
        #expect(deltas == ["Hi"])
        #expect(response?.text == "Hi")
        #expect(response?.finishReason == .stop)
    }

    @Test("an error status on a stream request is a typed error with the provider's message")
    func errorStatus() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .respond(status: 429, headers: ["Retry-After": "3", "x-request-id": "req_1"],
                     body: Data(#"{"error":{"message":"Slow down","type":"requests","code":"rate_limit_exceeded"}}"#.utf8))
        }
        defer { server.stop() }
        var deltas: [String] = []
        let error = await #expect(throws: ModelError.self) {
            _ = try await collect(provider(server).stream(ModelRequest(prompt: "x"), model: "m"),
                                  deltas: &deltas)
        }
        #expect(error?.kind == .rateLimited)
        #expect(error?.retryAfter == .seconds(3))
        #expect(error?.requestID == "req_1")
        #expect(error?.providerType == "rate_limit_exceeded")
    }

    @Test("a connection dropped mid-stream is a truncated stream keeping the text")
    func droppedConnection() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Self.delta("half"))])
        }
        defer { server.stop() }
        var deltas: [String] = []
        let error = await #expect(throws: ModelError.self) {
            _ = try await collect(provider(server).stream(ModelRequest(prompt: "x"), model: "m"),
                                  deltas: &deltas)
        }
        #expect(error?.kind == .truncatedStream)
        #expect(error?.partialText == "half")
    }

    @Test("cancelling the consumer closes the stream's connection")
    func cancellation() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .stream(chunks: [(.zero, Self.delta("first"))], stall: Self.longStall)
        }
        defer { server.stop() }
        let provider = provider(server)
        let task = Task {
            var seen = 0
            for try await event in provider.stream(ModelRequest(prompt: "x"), model: "m") {
                if case .textDelta = event { seen += 1 }
            }
            return seen
        }
        try await waitUntil { !server.requests.isEmpty }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let outcome = await task.result
        // The server holds the connection for ten minutes: only the client can close it.
        try await waitUntil({ server.closedConnections == 1 }, limit: Self.closeWait)
        #expect(server.closedConnections == 1 && server.requests.count == 1,
                "the consumer ended with \(outcome)")
    }
}
