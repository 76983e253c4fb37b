/// The way into every model: routes a call for `provider/model` to that provider.
///
/// Build one with the providers an application has configured and share it; it holds no
/// mutable state.
public struct ModelService: Sendable {
    private var providers: [String: any ModelProvider]

    /// Creates a service over named providers.
    public init(providers: [String: any ModelProvider] = [:]) {
        self.providers = providers
    }

    /// Registers a provider under a name, replacing any provider of that name.
    public mutating func register(_ provider: any ModelProvider, as name: String) {
        providers[name] = provider
    }

    /// The names of the registered providers, sorted.
    public var providerNames: [String] { providers.keys.sorted() }

    /// Asks a model for a reply.
    ///
    /// - Throws: ``ModelError/unknownProvider(_:known:)`` when no provider has the id's
    ///   provider name, or whatever the provider throws.
    public func complete(_ request: ModelRequest, model id: ModelID) async throws
        -> ModelResponse
    {
        guard let provider = providers[id.provider] else {
            throw ModelError.unknownProvider(id.provider, known: providerNames)
        }
        return try await provider.complete(request, model: id.model)
    }

    /// Asks a model, named by its `provider/model` id, for a reply.
    public func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        try await complete(request, model: ModelID(parsing: model))
    }
}
