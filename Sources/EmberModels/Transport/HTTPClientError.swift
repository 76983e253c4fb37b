/// An error raised while sending an HTTP request, before any response arrived or while it did.
///
/// HTTP error statuses are not errors at this level: they arrive as an ``HTTPResponse``.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case invalidRequest
        case connectionFailed
        case timedOut
        case idleTimeout
        case transport
    }

    let code: Code
    /// The URL of the request that failed.
    public let url: String
    /// What went wrong, in the transport's own words.
    public let detail: String

    /// The request could not be set up (a bad URL, an unsupported scheme).
    public static func invalidRequest(url: String, detail: String) -> Self {
        Self(code: .invalidRequest, url: url, detail: detail)
    }

    /// No connection could be made to the server.
    public static func connectionFailed(url: String, detail: String) -> Self {
        Self(code: .connectionFailed, url: url, detail: detail)
    }

    /// A timeout expired before the response was complete.
    public static func timedOut(url: String, detail: String) -> Self {
        Self(code: .timedOut, url: url, detail: detail)
    }

    /// The server sent nothing for longer than the idle timeout.
    public static func idleTimeout(url: String, detail: String) -> Self {
        Self(code: .idleTimeout, url: url, detail: detail)
    }

    /// The transfer failed after it started.
    public static func transport(url: String, detail: String) -> Self {
        Self(code: .transport, url: url, detail: detail)
    }

    /// Whether the request itself could not be made (a bad URL): no retry will help.
    public var isInvalidRequest: Bool { code == .invalidRequest }
    /// Whether the server could not be reached at all.
    public var isConnectionFailure: Bool { code == .connectionFailed }
    /// Whether a timeout (total or idle) ended the request.
    public var isTimeout: Bool { code == .timedOut || code == .idleTimeout }
    /// Whether the server fell silent for longer than the idle timeout.
    public var isIdleTimeout: Bool { code == .idleTimeout }

    public var description: String {
        switch code {
        case .invalidRequest:
            "The request to \(url) is not valid: \(detail)."
        case .connectionFailed:
            "Could not connect to \(url): \(detail). Check that the server is running."
        case .timedOut:
            "The request to \(url) timed out: \(detail)."
        case .idleTimeout:
            "The server at \(url) stopped sending: \(detail)."
        case .transport:
            "The request to \(url) failed: \(detail)."
        }
    }
}
