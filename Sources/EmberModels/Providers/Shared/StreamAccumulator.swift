import Foundation

/// Builds one response out of a provider's server-sent events.
protocol StreamAccumulator {
    /// The text so far, kept in errors when the stream fails.
    var text: String { get }
    /// Whether the provider's end-of-stream event arrived.
    var isDone: Bool { get }

    /// Takes one event; returns the text it adds, if any.
    mutating func consume(_ event: ServerSentEvent) throws(ModelError) -> String?

    /// Checks that the stream ended as a finished answer and builds the response.
    func finish() throws(ModelError) -> ModelResponse
}

extension StreamAccumulator {
    /// Reads a streaming response's events into this accumulator until the provider's end
    /// event or the end of the body, calling `onText` with each piece of text.
    ///
    /// - Throws: ``ModelError`` for an error event, an idle timeout (`.timeout`) or a
    ///   connection lost midway (`.truncatedStream`), each keeping the text so far.
    mutating func read(_ body: HTTPBody, url: String,
                       onText: (String) -> Void) async throws -> ModelResponse {
        var parser = ServerSentEventParser()
        do {
            reading: for try await chunk in body {
                for event in parser.parse(chunk) {
                    if let delta = try consume(event) { onText(delta) }
                    if isDone { break reading }
                }
            }
            if !isDone {
                for event in parser.finish() {
                    if let delta = try consume(event) { onText(delta) }
                }
            }
        } catch let error as HTTPClientError {
            if error.isTimeout {
                throw ModelError.timeout(url: url, detail: error.detail, partialText: text)
            }
            throw ModelError.truncatedStream(url: url, partialText: text)
        }
        return try finish()
    }
}

extension HTTPTransport {
    /// Sends a streaming model request and reads its server-sent events into `accumulator`.
    ///
    /// An error status is read whole (up to 64 KiB) and turned into the provider's error by
    /// `error`. The finished response gets the request id from `requestIDHeader` (when the
    /// server sent one) and the latency from sending to the last event.
    func streamModelResponse(
        _ request: HTTPRequest, into accumulator: some StreamAccumulator,
        requestIDHeader: String,
        error: (_ status: Int, _ body: Data, _ header: (String) -> String?) -> ModelError,
        onText: (String) -> Void
    ) async throws -> ModelResponse {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await stream(request)
        guard (200..<300).contains(response.status) else {
            let body = try await response.body.collect(upTo: 65_536)
            throw error(response.status, body, response.head.header(named:))
        }
        var accumulator = accumulator
        var finished = try await accumulator.read(response.body, url: request.url,
                                                  onText: onText)
        finished.requestID = response.head.header(named: requestIDHeader) ?? finished.requestID
        finished.latency = clock.now - start
        return finished
    }
}

/// Runs a streaming call on a task of its own and relays its events, so that abandoning
/// the stream cancels the call. Errors are redacted of `secret` (see ``redactingErrors``).
func relayStream(
    redacting secret: String?,
    _ call: @escaping @Sendable (_ onText: (String) -> Void) async throws -> ModelResponse
) -> AsyncThrowingStream<ModelStreamEvent, any Error> {
    AsyncThrowingStream { continuation in
        let task = Task {
            do {
                let response = try await redactingErrors(secret) {
                    try await call { continuation.yield(.textDelta($0)) }
                }
                continuation.yield(.completed(response))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
    }
}

/// Runs a provider call, removing `secret` (the provider's API key) from any
/// ``ModelError`` it throws: a server that echoes a credential in its error message must not
/// make it appear in an error, a log line or a report.
func redactingErrors<Result>(_ secret: String?,
                             _ call: () async throws -> Result) async throws -> Result {
    do {
        return try await call()
    } catch let error as ModelError {
        throw error.redacting(secret)
    }
}
