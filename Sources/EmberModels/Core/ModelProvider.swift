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
}
