/// Something that serves models: a cloud API or a local server.
///
/// An adapter turns a normalised ``ModelRequest`` into its provider's wire format and the
/// reply back into a ``ModelResponse``.
public protocol ModelProvider: Sendable {
    /// Asks the named model for a reply.
    ///
    /// Suspends until the reply is complete. Cancelling the calling task closes the request.
    ///
    /// - Parameters:
    ///   - request: The conversation and sampling settings.
    ///   - model: The provider's own name for the model (the part after `provider/`).
    /// - Throws: ``ModelError`` for a failure the provider reported or a reply that could not
    ///   be read, ``HTTPClientError`` when the provider could not be reached.
    func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse

    /// Asks the named model for a reply and yields it as it is generated.
    ///
    /// The stream ends with ``ModelStreamEvent/completed(_:)``. Cancelling the task that
    /// reads it, or abandoning it, closes the request.
    func stream(_ request: ModelRequest, model: String)
        -> AsyncThrowingStream<ModelStreamEvent, any Error>
}

extension ModelProvider {
    /// A stream of one delta: for providers without a streaming API.
    public func stream(_ request: ModelRequest, model: String)
        -> AsyncThrowingStream<ModelStreamEvent, any Error>
    {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let response = try await complete(request, model: model)
                    if let text = response.text { continuation.yield(.textDelta(text)) }
                    continuation.yield(.completed(response))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
