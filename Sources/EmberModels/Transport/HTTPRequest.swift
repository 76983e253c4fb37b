import Foundation

/// One header field of an HTTP request or response.
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, as sent or as received.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether the field is called `other`, ignoring ASCII case, as field names are
    /// compared (RFC 9110 §5.1). Byte by byte: no locale, no Foundation string bridge.
    public func hasName(_ other: String) -> Bool {
        name.utf8.elementsEqual(other.utf8) { left, right in
            left == right || (left | 0x20 == right | 0x20 && (left | 0x20) &- 0x61 < 26)
        }
    }
}

extension HTTPHeader {
    /// Whether the name or the value holds a carriage return, a line feed or a NUL, any of
    /// which would cut the field short on the wire.
    var canSplit: Bool {
        func hasBreak(_ text: String) -> Bool {
            text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
        }
        return hasBreak(name) || hasBreak(value)
    }
}

extension [HTTPHeader] {
    /// The value of the first field with this name, compared as ``HTTPHeader/hasName(_:)``
    /// does.
    func value(named name: String) -> String? {
        first { $0.hasName(name) }?.value
    }
}

/// How long a request may take, in its phases.
public struct HTTPTimeouts: Sendable, Hashable {
    /// The longest wait for a connection, TLS included.
    public var connect: Duration
    /// The longest the whole request may take, or `nil` for no limit.
    public var total: Duration?
    /// The longest silence allowed while waiting for bytes, from the start of the request
    /// and between any two reads, or `nil` for no limit.
    ///
    /// Set it for streams; a non-streaming model call may rightly send nothing until its
    /// whole answer is ready.
    public var idle: Duration?

    /// Creates a set of timeouts.
    public init(connect: Duration = .seconds(10), total: Duration? = .seconds(600),
                idle: Duration? = nil) {
        self.connect = connect
        self.total = total
        self.idle = idle
    }
}

/// An HTTP request, described as a value; ``HTTPClient`` sends it.
public struct HTTPRequest: Sendable {
    /// The request method.
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    /// The request method.
    public var method: Method
    /// The absolute URL, `http` or `https`.
    public var url: String
    /// The header fields to send.
    public var headers: [HTTPHeader]
    /// The body to send, or `nil` for none.
    public var body: Data?
    /// The timeouts that apply to this request.
    public var timeouts: HTTPTimeouts

    /// Creates a request.
    public init(method: Method = .get, url: String, headers: [HTTPHeader] = [],
                body: Data? = nil, timeouts: HTTPTimeouts = HTTPTimeouts()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
    }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    /// The status code of the final response (after any redirect).
    public var status: Int
    /// The header fields of the final response, in the order received.
    public var headers: [HTTPHeader]
    /// The response body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [HTTPHeader], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is in the 2xx range.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The value of the first header field with this name, compared case-insensitively.
    public func header(named name: String) -> String? {
        headers.value(named: name)
    }
}
