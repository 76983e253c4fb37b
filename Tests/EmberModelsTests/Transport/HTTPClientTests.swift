import EmberTestSupport
import Foundation
import Testing
@testable import EmberModels

@Suite("HTTP client over libcurl", .timeLimit(.minutes(1)))
struct HTTPClientTests {
    let client = HTTPClient()

    @Test("a GET returns the status, headers and body the server sent")
    func get() async throws {
        let server = try LoopbackHTTPServer.start { request in
            .respond(status: 200, headers: ["X-Path": request.path], body: Data("hello".utf8))
        }
        defer { server.stop() }
        let response = try await client.send(HTTPRequest(url: server.baseURL + "/greet?x=1"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello")
        #expect(response.header(named: "x-path") == "/greet?x=1")
        #expect(server.requests.first?.method == "GET")
    }

    @Test("a POST sends its headers and body exactly")
    func post() async throws {
        let server = try LoopbackHTTPServer.start { request in
            .respond(status: 201, body: request.body)
        }
        defer { server.stop() }
        let payload = Data((0..<100_000).map { UInt8($0 % 251) })
        let response = try await client.send(HTTPRequest(
            method: .post, url: server.baseURL + "/echo",
            headers: [HTTPHeader(name: "Authorization", value: "Bearer k")], body: payload))
        #expect(response.status == 201)
        #expect(response.body == payload)
        let recorded = try #require(server.requests.first)
        #expect(recorded.method == "POST")
        #expect(recorded.header("authorization") == "Bearer k")
        #expect(recorded.header("expect") == nil)
    }

    @Test("a request on a reused handle carries nothing of the one before it")
    func reusedHandle() async throws {
        let server = try LoopbackHTTPServer.start { request in
            .respond(status: 200, body: request.body)
        }
        defer { server.stop() }
        let client = HTTPClient(maximumConnectionsPerHost: 1)
        _ = try await client.send(HTTPRequest(
            method: .post, url: server.baseURL + "/first",
            headers: [HTTPHeader(name: "X-First", value: "1")], body: Data("one".utf8),
            timeouts: HTTPTimeouts(total: .seconds(30))))
        let second = try await client.send(HTTPRequest(url: server.baseURL + "/second"))
        #expect(second.status == 200)
        #expect(second.body.isEmpty)
        let recorded = try #require(server.requests.last)
        #expect(server.requests.count == 2)
        #expect(recorded.method == "GET")
        #expect(recorded.path == "/second")
        #expect(recorded.header("x-first") == nil)
        #expect(recorded.header("content-length") == nil)
    }

    @Test("an error status is a response, not a thrown error")
    func errorStatus() async throws {
        let server = try LoopbackHTTPServer.start { _ in .json(#"{"error":{}}"#, status: 503) }
        defer { server.stop() }
        let response = try await client.send(HTTPRequest(url: server.baseURL))
        #expect(response.status == 503)
        #expect(!response.isSuccess)
    }

    @Test("many requests in flight at once all complete")
    func concurrentRequests() async throws {
        let server = try LoopbackHTTPServer.start { request in
            .respond(status: 200, body: Data(request.path.utf8), delay: .milliseconds(50))
        }
        defer { server.stop() }
        let paths = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<40 {
                group.addTask {
                    let response = try await client.send(
                        HTTPRequest(url: server.baseURL + "/\(index)"))
                    return String(decoding: response.body, as: UTF8.self)
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(paths == Set((0..<40).map { "/\($0)" }))
    }

    @Test("a refused connection is a connection failure naming the URL")
    func connectionRefused() async throws {
        // Bind a port, then close it, so nothing listens there.
        let server = try LoopbackHTTPServer.start { _ in .closeWithoutResponse }
        let url = server.baseURL + "/v1"
        server.stop()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPRequest(url: url))
        }
        #expect(error?.isConnectionFailure == true)
        #expect(error?.description.contains(url) == true)
    }

    @Test("a server that closes without answering is a transport error")
    func closedWithoutResponse() async throws {
        let server = try LoopbackHTTPServer.start { _ in .closeWithoutResponse }
        defer { server.stop() }
        await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPRequest(url: server.baseURL))
        }
    }

    @Test("the total timeout ends a stalled response")
    func totalTimeout() async throws {
        let server = try LoopbackHTTPServer.start { _ in .stall(.seconds(10)) }
        defer { server.stop() }
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPRequest(
                url: server.baseURL, timeouts: HTTPTimeouts(total: .milliseconds(300))))
        }
        #expect(error?.isTimeout == true)
    }

    @Test("a connection never established ends in a retryable timeout at the connect timeout")
    func connectTimeout() async throws {
        let listener = try await FullBacklogListener()
        defer { listener.stop() }
        let request = HTTPRequest(
            url: "http://127.0.0.1:\(listener.port)/v1",
            timeouts: HTTPTimeouts(connect: .seconds(1), total: .seconds(60)))
        let clock = ContinuousClock()
        let start = clock.now
        // A guard against a hang, not a timing assertion: it only ends the test well before
        // the 60-second total timeout could be the one that fires.
        let outcome = await withTaskGroup(of: Result<HTTPResponse, any Error>?.self) { group in
            group.addTask { [client] in
                do { return .success(try await client.send(request)) } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        let result = try #require(outcome, "still connecting after 20 s; connect timeout 1 s")
        guard case .failure(let failure) = result else {
            Issue.record("a connection to a full backlog was answered: \(result)")
            return
        }
        let error = try #require(failure as? HTTPClientError, "\(failure)")
        #expect(error.code == .timedOut, "\(error)")
        #expect(error.isTimeout && !error.isIdleTimeout && !error.isConnectionFailure)
        #expect(RetryPolicy.isRetryable(error))
        #expect(error.description.contains("127.0.0.1:\(listener.port)"))
        // libcurl counts in whole milliseconds from its own start; allow it a little slack.
        #expect(clock.now - start >= .milliseconds(900))
    }

    @Test("cancelling the task throws CancellationError and closes the connection")
    func cancellation() async throws {
        let server = try LoopbackHTTPServer.start { _ in .stall(.seconds(20)) }
        defer { server.stop() }
        let task = Task { try await client.send(HTTPRequest(url: server.baseURL)) }
        while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // The server sees the connection closed long before its 20-second stall ends.
        let deadline = ContinuousClock.now + .seconds(5)
        while server.closedConnections == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(server.closedConnections == 1)
    }

    @Test("a task cancelled before sending never reaches the server")
    func cancelledBeforeSending() async throws {
        let server = try LoopbackHTTPServer.start { _ in .json("{}") }
        defer { server.stop() }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPRequest(url: server.baseURL))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        try await Task.sleep(for: .milliseconds(100))
        #expect(server.requests.isEmpty)
    }
}
