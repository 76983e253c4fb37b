import CCurl
import CCurlShims
import Foundation

/// One request in flight: its easy handle, what it has received, and who awaits it.
///
/// Lives on the loop thread only. libcurl's callbacks reach it through the pointer set as
/// `CURLOPT_PRIVATE`, `CURLOPT_WRITEDATA` and `CURLOPT_HEADERDATA`; the loop keeps it alive
/// until its handle has left the multi handle. The handle is lent by the loop's
/// ``EasyHandlePool``, which takes it back (and resets it) once the transfer is over.
final class CurlTransfer {
    let id: UInt64
    let easy: UnsafeMutableRawPointer
    private let url: String
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// libcurl writes a failure's message here; allocated, not an array, because libcurl
    /// keeps the pointer until the handle is cleaned up.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let idleTimeout: Duration?
    private var delivery: TransferDelivery?
    private var body = Data()
    private var headers: [HTTPHeader] = []
    private var lastActivity = ContinuousClock.now

    /// Sets a request up on `easy`, a handle with no options set.
    init(id: UInt64, easy: UnsafeMutableRawPointer, request: HTTPRequest,
         delivery: TransferDelivery) throws(HTTPClientError) {
        self.id = id
        self.easy = easy
        self.url = request.url
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        self.idleTimeout = request.timeouts.idle
        self.delivery = delivery
        do {
            try configure(for: request)
        } catch {
            self.delivery = nil
            throw error
        }
    }

    deinit {
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func configure(for request: HTTPRequest) throws(HTTPClientError) {
        // A line break would end a field early and let the rest pose as another header
        // (libcurl sends the text as given), so such a request is refused before any option
        // is set.
        if let header = request.headers.first(where: \.canSplit) {
            throw .invalidHeader(url: request.url, headerName: header.name)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ember_easy_setopt_string(easy, CURLOPT_URL, request.url))
        try check(ember_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        try check(ember_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(ember_easy_setopt_pointer(easy, CURLOPT_PRIVATE, context))
        try check(ember_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        try check(ember_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        try check(ember_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, receiveBody))
        try check(ember_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, receiveHeader))
        try check(ember_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(ember_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""))

        try check(ember_easy_setopt_long(
            easy, CURLOPT_CONNECTTIMEOUT_MS, request.timeouts.connect.milliseconds))
        if let total = request.timeouts.total {
            try check(ember_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, total.milliseconds))
        }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        if request.body != nil {
            // Without this, libcurl sends `Expect: 100-continue` and waits for the server.
            headerList = curl_slist_append(headerList, "Expect:")
        }
        if let headerList {
            try check(ember_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, headerList))
        }

        switch request.method {
        case .get:
            try check(ember_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        case .post:
            let body = request.body ?? Data()
            try check(ember_easy_setopt_offset(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                                               curl_off_t(body.count)))
            // COPYPOSTFIELDS copies the bytes, so the body need not outlive this call.
            let code = body.withUnsafeBytes { bytes in
                let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
                return ember_easy_setopt_pointer(
                    easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
            }
            try check(code)
        }
    }

    private func check(_ code: CURLcode) throws(HTTPClientError) {
        guard code != CURLE_OK else { return }
        throw .invalidRequest(url: url, detail: String(cString: curl_easy_strerror(code)))
    }

    /// Ends the transfer with the response, or with the error libcurl reported.
    func complete(with result: CURLcode) {
        guard result == CURLE_OK else {
            finish(throwing: error(for: result))
            return
        }
        switch delivery {
        case .buffered(let continuation):
            continuation.resume(returning: HTTPResponse(status: responseStatus(),
                                                        headers: headers, body: body))
        case .streaming(let head, let stream):
            head.deliver(HTTPResponseHead(status: responseStatus(), headers: headers))
            stream.finish()
        case nil:
            break
        }
        delivery = nil
    }

    /// Ends the transfer with an error, keeping whatever a stream already delivered.
    func finish(throwing error: any Error) {
        delivery?.fail(error)
        delivery = nil
    }

    /// Takes bytes of the body: buffers them, or hands them to the stream's consumer (after
    /// the response head, the first time).
    fileprivate func receive(_ bytes: UnsafeRawBufferPointer) {
        noteActivity()
        switch delivery {
        case .buffered:
            body.append(contentsOf: bytes)
        case .streaming(let head, let stream):
            head.deliver(HTTPResponseHead(status: responseStatus(), headers: headers))
            stream.yield(Data(bytes))
        case nil:
            break
        }
    }

    /// Restarts the idle timeout; reading the clock is skipped when there is none.
    private func noteActivity() {
        if idleTimeout != nil { lastActivity = .now }
    }

    /// When the idle timeout expires if nothing more arrives, or `nil` without one.
    var idleDeadline: ContinuousClock.Instant? {
        idleTimeout.map { lastActivity + $0 }
    }

    /// The error for a transfer that stayed silent past its idle timeout.
    func idleTimeoutError() -> HTTPClientError {
        .idleTimeout(url: url, detail: "nothing arrived for \(idleTimeout ?? .zero)")
    }

    private func responseStatus() -> Int {
        var status = 0
        _ = ember_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return status
    }

    private func error(for result: CURLcode) -> HTTPClientError {
        let buffered = String(cString: errorBuffer)
        let detail = buffered.isEmpty ? String(cString: curl_easy_strerror(result)) : buffered
        switch result {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .connectionFailed(url: url, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(url: url, detail: detail)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidRequest(url: url, detail: detail)
        default:
            return .transport(url: url, detail: detail)
        }
    }

    /// Takes one header line as libcurl hands it over, line end included. A status line
    /// starts a new response's headers: after a redirect or a `100 Continue`, only the last
    /// response's fields are kept. Parsed as bytes: this runs for every line of every reply.
    fileprivate func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        noteActivity()
        if line.starts(with: "HTTP/".utf8) {
            headers.removeAll(keepingCapacity: true)
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
        }
        var start = colon + 1
        var end = line.endIndex
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        headers.append(HTTPHeader(
            name: String(decoding: UnsafeRawBufferPointer(rebasing: line[..<colon]),
                         as: UTF8.self),
            value: String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]),
                          as: UTF8.self)))
    }
}

private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                         _ context: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let data, let context else { return length }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receive(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                           _ context: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let data, let context else { return length }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
