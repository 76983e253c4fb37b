/// Something that sends HTTP requests: the seam between the model providers and the
/// network.
///
/// ``HTTPClient`` is the transport for real use. Tests substitute one that answers from
/// memory, to drive a provider's encoding and decoding without sockets.
public protocol HTTPTransport: Sendable {
    /// Sends a request and returns the complete response.
    ///
    /// Any HTTP status is a response; only a failure to get one throws.
    ///
    /// - Throws: ``HTTPClientError`` when no complete response arrived, or
    ///   `CancellationError` when the calling task was cancelled.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Sends a request and returns its response head with the body still arriving.
    ///
    /// Cancelling the task that reads the body, or dropping the body unread, ends the
    /// request.
    ///
    /// - Throws: ``HTTPClientError`` when no response arrived, or `CancellationError`.
    func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse
}

extension HTTPClient: HTTPTransport {}
