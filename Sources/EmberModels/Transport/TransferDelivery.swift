import Foundation
import Synchronization

/// The status and header fields of a response, which arrive before its body.
public struct HTTPResponseHead: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields, in the order received.
    public var headers: [HTTPHeader]

    /// Creates a response head.
    public init(status: Int, headers: [HTTPHeader]) {
        self.status = status
        self.headers = headers
    }

    /// The value of the first header field with this name, compared case-insensitively.
    public func header(named name: String) -> String? {
        headers.value(named: name)
    }
}

/// A continuation resumed at most once, from whichever side gets there first.
final class OnceContinuation<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, any Error>?>

    init(_ continuation: CheckedContinuation<Value, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func deliver(_ value: Value) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }

    func fail(_ error: any Error) {
        continuation.withLock { $0.take() }?.resume(throwing: error)
    }
}

/// How a transfer hands its result to the task that asked for it.
enum TransferDelivery: Sendable {
    /// The whole response at once.
    case buffered(CheckedContinuation<HTTPResponse, any Error>)
    /// The head when the first body bytes arrive, then the body in chunks.
    case streaming(head: OnceContinuation<HTTPResponseHead>,
                   body: AsyncThrowingStream<Data, any Error>.Continuation)

    /// Fails the transfer: the waiting task, or the stream's consumer, gets the error.
    func fail(_ error: any Error) {
        switch self {
        case .buffered(let continuation):
            continuation.resume(throwing: error)
        case .streaming(let head, let body):
            head.fail(error)
            body.finish(throwing: error)
        }
    }
}
