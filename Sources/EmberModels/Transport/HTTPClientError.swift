/// An error raised while sending an HTTP request, before any response arrived or while it did.
///
/// HTTP error statuses are not errors at this level: they arrive as an ``HTTPResponse``.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case invalidRequest
        case invalidHeader
        case connectionFailed
        case timedOut
        case idleTimeout
        case transport
    }

    let code: Code
    /// The URL of the request that failed.
    public let url: String
    /// What went wrong, in the transport's own words; for an invalid header, its name.
    public let detail: String

    /// The request could not be set up (a bad URL, an unsupported scheme).
    public static func invalidRequest(url: String, detail: String) -> Self {
        Self(code: .invalidRequest, url: url, detail: detail)
    }

    /// A header field's name or value holds a carriage return, a line feed or a NUL, which
    /// would end the field early and could start another; the request was not sent.
    ///
    /// - Parameter headerName: The field's name, with any such characters shown escaped; the
    ///   value, which may be a credential, is never kept.
    public static func invalidHeader(url: String, headerName: String) -> Self {
        let shown = headerName.unicodeScalars.map { scalar in
            switch scalar {
            case "\r": "\\r"
            case "\n": "\\n"
            case "\0": "\\0"
            default: String(scalar)
            }
        }.joined()
        return Self(code: .invalidHeader, url: url, detail: shown)
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

    /// Whether the request itself could not be made (a bad URL, a header with a line break):
    /// no retry will help.
    public var isInvalidRequest: Bool { code == .invalidRequest || code == .invalidHeader }
    /// Whether a header field held a carriage return, a line feed or a NUL, so that the
    /// request was refused before anything was sent.
    public var isInvalidHeader: Bool { code == .invalidHeader }
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
        case .invalidHeader:
            "The request to \(url) was not sent: its header '\(detail)' contains a carriage "
                + "return, a line feed or a NUL, which header fields cannot hold (check the API "
                + "key or other setting it is made from)."
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
