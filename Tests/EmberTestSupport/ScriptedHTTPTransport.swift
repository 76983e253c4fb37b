import EmberModels
import Foundation
import Synchronization

/// An HTTP transport for tests that answers from memory, without sockets: each request is
/// recorded and answered by a handler in the same terms as ``LoopbackHTTPServer``'s.
///
/// Delays are real waits; a stream's chunks arrive one by one, each as one piece of the
/// body. A chunk (or a stall) that keeps the body silent for longer than the request's idle
/// timeout fails the body with an idle timeout, as the real client would, and
/// ``ScriptedResponse/closeWithoutResponse`` fails the request as a dropped connection.
public final class ScriptedHTTPTransport: HTTPTransport {
    private let handler: @Sendable (RecordedRequest) -> ScriptedResponse
    private let recorded = Mutex<[RecordedRequest]>([])

    /// Creates a transport that answers every request with what `handler` says.
    public init(handler: @escaping @Sendable (RecordedRequest) -> ScriptedResponse) {
        self.handler = handler
    }

    /// Every request sent so far, as a server would have received it.
    public var requests: [RecordedRequest] { recorded.withLock { $0 } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await stream(request)
        let body = try await response.body.collect(upTo: .max)
        return HTTPResponse(status: response.status, headers: response.head.headers, body: body)
    }

    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        let received = Self.recording(request)
        recorded.withLock { $0.append(received) }
        switch handler(received) {
        case .respond(let status, let headers, let body, let delay):
            try await Task.sleep(for: delay)
            return Self.response(status, headers, chunks: [(.zero, body)], stall: .zero,
                                 request: request)
        case .closeWithoutResponse:
            throw HTTPClientError.transport(
                url: request.url, detail: "the server closed the connection without answering")
        case .stall(let duration):
            return Self.response(200, [:], chunks: [], stall: duration, request: request)
        case .stream(let status, let headers, let chunks, let stall):
            return Self.response(status, headers, chunks: chunks, stall: stall,
                                 request: request)
        }
    }

    /// A response whose body yields `chunks` after their delays, then stays silent for
    /// `stall` and ends.
    private static func response(
        _ status: Int, _ headers: [String: String], chunks: [(delay: Duration, bytes: Data)],
        stall: Duration, request: HTTPRequest
    ) -> HTTPStreamingResponse {
        let (body, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        let idle = request.timeouts.idle
        let producer = Task {
            do {
                for chunk in chunks {
                    try await wait(chunk.delay, idle: idle, url: request.url)
                    continuation.yield(chunk.bytes)
                }
                try await wait(stall, idle: idle, url: request.url)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in producer.cancel() }
        let head = HTTPResponseHead(
            status: status, headers: headers.map { HTTPHeader(name: $0.key, value: $0.value) })
        return HTTPStreamingResponse(head: head, body: HTTPBody(body))
    }

    /// Waits `duration`, or fails with an idle timeout once `idle` (if shorter) has passed.
    private static func wait(_ duration: Duration, idle: Duration?, url: String) async throws {
        guard let idle, duration > idle else {
            try await Task.sleep(for: duration)
            return
        }
        try await Task.sleep(for: idle)
        throw HTTPClientError.idleTimeout(
            url: url, detail: "no byte arrived for \(idle) (scripted transport)")
    }

    /// The request as the loopback server would record it: the path with its query, and
    /// header names in lower case.
    private static func recording(_ request: HTTPRequest) -> RecordedRequest {
        let components = URLComponents(string: request.url)
        var path = components?.percentEncodedPath ?? request.url
        if let query = components?.percentEncodedQuery { path += "?" + query }
        var headers: [String: String] = [:]
        for header in request.headers { headers[header.name.lowercased()] = header.value }
        return RecordedRequest(method: request.method.rawValue, path: path, headers: headers,
                               body: request.body ?? Data())
    }
}
