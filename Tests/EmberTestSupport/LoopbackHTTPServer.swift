import EmberModels
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request as the loopback server received it.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    public var headers: [String: String]
    public var body: Data

    /// A header value by lower-cased name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// What the loopback server does with a request: answer it, or misbehave on purpose.
public enum ScriptedResponse: Sendable {
    /// Answer with this status, headers and body, after an optional delay.
    case respond(status: Int, headers: [String: String] = [:], body: Data,
                 delay: Duration = .zero)
    /// Close the connection without answering.
    case closeWithoutResponse
    /// Send the headers, then hold the connection open, silent, for this long.
    case stall(Duration)
    /// Send the headers, then each chunk after its delay (each chunk one write, so a chunk
    /// boundary can split a line or a character), then close, or stay silent for `stall`.
    case stream(status: Int = 200, headers: [String: String] = [:],
                chunks: [(delay: Duration, bytes: Data)], stall: Duration = .zero)

    /// A JSON answer.
    public static func json(_ text: String, status: Int = 200) -> Self {
        .respond(status: status, headers: ["Content-Type": "application/json"],
                 body: Data(text.utf8))
    }
}

/// An HTTP/1.1 server on 127.0.0.1 for tests: every request is recorded and answered by a
/// handler, one thread per connection. Start it with ``start(handler:)`` and stop it in
/// `defer`.
public final class LoopbackHTTPServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let listener: Int32
    private let state = Mutex(State())

    private struct State {
        var requests: [RecordedRequest] = []
        var isStopped = false
        var closedConnections = 0
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// Every request received so far.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }
    /// Connections the client closed or that the server finished.
    public var closedConnections: Int { state.withLock { $0.closedConnections } }

    private init(listener: Int32, port: Int) {
        self.listener = listener
        self.port = port
    }

    /// Starts a server on a free port.
    public static func start(
        handler: @escaping @Sendable (RecordedRequest) -> ScriptedResponse
    ) throws -> LoopbackHTTPServer {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var reuse: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketFD, 64) == 0 else {
            close(socketFD)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(socketFD, $0, &length)
            }
        }
        let server = LoopbackHTTPServer(listener: socketFD, port: Int(UInt16(bigEndian: address.sin_port)))
        Thread { server.acceptLoop(handler: handler) }.start()
        return server
    }

    /// Stops accepting connections.
    ///
    /// The listening socket is shut down here and closed by the accepting thread as it
    /// leaves, so that its descriptor number cannot be reused by another server while that
    /// thread might still call `accept` on it.
    public func stop() {
        state.withLock { $0.isStopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop(handler: @escaping @Sendable (RecordedRequest) -> ScriptedResponse) {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if state.withLock({ $0.isStopped }) { return }
                if errno == EINTR { continue }
                return
            }
            Thread { [self] in
                serve(connection, handler: handler)
                close(connection)
                state.withLock { $0.closedConnections += 1 }
            }.start()
        }
    }

    private func serve(_ connection: Int32,
                       handler: @Sendable (RecordedRequest) -> ScriptedResponse) {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            guard let request = Self.parseRequest(&buffer) else {
                let count = read(connection, &chunk, chunk.count)
                guard count > 0 else { return }
                buffer.append(contentsOf: chunk[0..<count])
                continue
            }
            state.withLock { $0.requests.append(request) }
            switch handler(request) {
            case .respond(let status, let headers, let body, let delay):
                if delay > .zero { Thread.sleep(forTimeInterval: delay.seconds) }
                var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                head += "\r\n"
                guard Self.write(Data(head.utf8) + body, to: connection) else { return }
            case .closeWithoutResponse:
                return
            case .stall(let duration):
                _ = Self.write(Data("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".utf8),
                               to: connection)
                Self.waitForClose(connection, upTo: duration)
                return
            case .stream(let status, let headers, let chunks, let stall):
                // No Content-Length: the body ends when the connection closes.
                var head = "HTTP/1.1 \(status) Status\r\nConnection: close\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                guard Self.write(Data((head + "\r\n").utf8), to: connection) else { return }
                for chunk in chunks {
                    if chunk.delay > .zero { Thread.sleep(forTimeInterval: chunk.delay.seconds) }
                    guard Self.write(chunk.bytes, to: connection) else { return }
                }
                if stall > .zero { Self.waitForClose(connection, upTo: stall) }
                return
            }
        }
    }

    /// Waits until the client closes the connection, or `duration` passes.
    ///
    /// Only the client's end of the stream (or a reset) ends the wait early: bytes the client
    /// sends are read and dropped, and a signal interrupting `poll` does not cut it short.
    private static func waitForClose(_ connection: Int32, upTo duration: Duration) {
        let deadline = ContinuousClock.now + duration
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return }
            var pollFD = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: Int((remaining.seconds * 1000).rounded(.up)))
            let ready = poll(&pollFD, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return }
            let count = read(connection, &scratch, scratch.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { return }
        }
    }

    private static func write(_ data: Data, to connection: Int32) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = send(connection, bytes.baseAddress! + offset, bytes.count - offset,
                                Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    /// Takes one complete request off the front of `buffer`, or returns `nil` if it is not
    /// all there yet.
    private static func parseRequest(_ buffer: inout Data) -> RecordedRequest? {
        guard let end = buffer.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard buffer.distance(from: end.upperBound, to: buffer.endIndex) >= length else {
            return nil
        }
        let bodyEnd = buffer.index(end.upperBound, offsetBy: length)
        let body = Data(buffer[end.upperBound..<bodyEnd])
        buffer = Data(buffer[bodyEnd...])
        return RecordedRequest(
            method: requestLine.first.map(String.init) ?? "",
            path: requestLine.dropFirst().first.map(String.init) ?? "",
            headers: headers, body: body)
    }
}
