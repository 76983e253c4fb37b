import Foundation

/// An HTTP client on libcurl's multi interface: every request of one client shares one
/// event-loop thread and one connection pool.
///
/// Requests are `async`: ``send(_:)`` suspends until the response is complete. Cancelling
/// the calling task removes the transfer from the loop at once, closes its connection and
/// throws `CancellationError`. Create one client and share it; it is safe to use from any
/// number of tasks at once.
public final class HTTPClient: Sendable {
    private let loop: CurlMultiLoop

    /// Creates a client with its own event loop.
    ///
    /// - Parameter maximumConnectionsPerHost: The most connections kept open to one host.
    public init(maximumConnectionsPerHost: Int = 64) {
        loop = CurlMultiLoop(maximumConnectionsPerHost: maximumConnectionsPerHost)
    }

    deinit {
        loop.shutDown()
    }

    /// Sends a request and returns the complete response.
    ///
    /// Any HTTP status is a response; only a failure to get one throws.
    ///
    /// - Throws: ``HTTPClientError`` when no complete response arrived, or
    ///   `CancellationError` when the calling task was cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = loop.reserveTransfer()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                loop.submit(id: id, request: request, delivery: .buffered(continuation))
            }
        } onCancel: {
            loop.cancel(id: id)
        }
    }

    /// Sends a request and returns its response head as soon as the first body bytes arrive,
    /// with the body still streaming.
    ///
    /// The body ends when the response does; it throws ``HTTPClientError`` if the transfer
    /// fails midway (an idle timeout, a dropped connection). Cancelling the task that reads
    /// the body, or dropping the body unread, removes the transfer and closes its connection.
    ///
    /// - Throws: ``HTTPClientError`` when no response arrived, or `CancellationError`.
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        let id = loop.reserveTransfer()
        let (body, bodyContinuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        bodyContinuation.onTermination = { [loop] termination in
            if case .cancelled = termination { loop.cancel(id: id) }
        }
        let head = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                loop.submit(id: id, request: request, delivery: .streaming(
                    head: OnceContinuation(continuation), body: bodyContinuation))
            }
        } onCancel: {
            loop.cancel(id: id)
        }
        return HTTPStreamingResponse(head: head, body: HTTPBody(body))
    }
}
