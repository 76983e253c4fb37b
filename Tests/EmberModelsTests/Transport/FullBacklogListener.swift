import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A socket on 127.0.0.1 that listens but never accepts, with its accept queue already full,
/// so that a new connection to it can never be established.
///
/// With a backlog of 0, Linux queues one connection; once it holds one, the system drops
/// every further SYN, and a client's connect waits (retransmitting) until its own timeout.
/// ``init()`` fills the queue and checks that a second connect really hangs; it waits by
/// sleeping, never by blocking a thread.
struct FullBacklogListener {
    /// The port it listens on.
    let port: Int
    private let descriptors: [Int32]

    /// Why the listener could not be set up as described.
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    init() async throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw SetupError(description: "socket: errno \(errno)") }
        var descriptors = [listener]
        do {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            try Self.check(Self.withSocketAddress(&address) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }, "bind")
            try Self.check(listen(listener, 0), "listen")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try Self.check(Self.withSocketAddress(&address) {
                getsockname(listener, $0, &length)
            }, "getsockname")

            // The first connection fills the queue; the second must then stay pending.
            let queued = try Self.startConnect(to: &address)
            descriptors.append(queued)
            guard try await Self.isEstablished(queued, within: .seconds(5)) else {
                throw SetupError(description: "the first connection was not established")
            }
            let dropped = try Self.startConnect(to: &address)
            descriptors.append(dropped)
            guard try await !Self.isEstablished(dropped, within: .milliseconds(300)) else {
                throw SetupError(description:
                    "a connect to a full backlog completed: this system cannot hang one")
            }
            self.port = Int(UInt16(bigEndian: address.sin_port))
            self.descriptors = descriptors
        } catch {
            for descriptor in descriptors { close(descriptor) }
            throw error
        }
    }

    /// Closes the listener and the connections queued on it.
    func stop() {
        for descriptor in descriptors { close(descriptor) }
    }

    private static func check(_ result: Int32, _ call: String) throws {
        guard result == 0 else { throw SetupError(description: "\(call): errno \(errno)") }
    }

    private static func withSocketAddress(
        _ address: inout sockaddr_in, _ body: (UnsafeMutablePointer<sockaddr>) -> Int32
    ) -> Int32 {
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body)
        }
    }

    /// Starts a non-blocking connect, which returns before the handshake is done.
    private static func startConnect(to address: inout sockaddr_in) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SetupError(description: "socket: errno \(errno)") }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        let result = withSocketAddress(&address) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
        guard result == 0 || errno == EINPROGRESS else {
            let code = errno
            close(descriptor)
            throw SetupError(description: "connect: errno \(code)")
        }
        return descriptor
    }

    /// Whether a connecting socket is established within `limit`, checked without blocking.
    private static func isEstablished(_ descriptor: Int32, within limit: Duration)
        async throws -> Bool
    {
        let deadline = ContinuousClock.now + limit
        while true {
            var pollFD = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            if poll(&pollFD, 1, 0) == 1 {
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
                return error == 0
            }
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
