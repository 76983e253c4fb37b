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
                loop.submit(id: id, request: request, continuation: continuation)
            }
        } onCancel: {
            loop.cancel(id: id)
        }
    }
}
