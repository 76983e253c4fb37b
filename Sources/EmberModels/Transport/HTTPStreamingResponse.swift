import Foundation

/// A response whose body is still arriving.
public struct HTTPStreamingResponse: Sendable {
    /// The status and header fields.
    public var head: HTTPResponseHead
    /// The body, chunk by chunk as the network delivers it.
    public var body: HTTPBody

    /// The status code.
    public var status: Int { head.status }

    /// Creates a response from its head and its body.
    public init(head: HTTPResponseHead, body: HTTPBody) {
        self.head = head
        self.body = body
    }
}

/// The body of a streaming response: chunks of bytes in arrival order.
///
/// Iterate it once. It throws ``HTTPClientError`` when the transfer fails midway.
public struct HTTPBody: AsyncSequence, Sendable {
    public typealias Element = Data

    private let chunks: AsyncThrowingStream<Data, any Error>

    /// Creates a body that yields the stream's chunks; finishing the stream with an error
    /// fails the body midway, as a dropped connection would.
    public init(_ chunks: AsyncThrowingStream<Data, any Error>) {
        self.chunks = chunks
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: chunks.makeAsyncIterator())
    }

    /// Reads the rest of the body into memory, up to `limit` bytes.
    public func collect(upTo limit: Int) async throws -> Data {
        var data = Data()
        for try await chunk in self {
            data.append(chunk.prefix(limit - data.count))
            if data.count >= limit { break }
        }
        return data
    }

    /// Yields the body's chunks.
    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<Data, any Error>.AsyncIterator

        public mutating func next() async throws -> Data? {
            try await base.next()
        }
    }
}
