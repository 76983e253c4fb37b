/// The models Ember knows by id and by alias, with their context windows and prices.
///
/// Look-ups accept an alias (`smollm2`, `gpt-4o-mini`) or a full id; a miss lists the
/// closest known ids. Models a provider serves but the registry does not describe still work
/// — their cost is reported as unknown.
public struct ModelRegistry: Sendable {
    private var models: [ModelID: ModelInfo] = [:]
    private var aliases: [String: ModelID] = [:]

    /// Creates a registry of these models.
    public init(_ models: [ModelInfo] = []) {
        for model in models { register(model) }
    }

    /// Adds a model, replacing any with the same id.
    public mutating func register(_ model: ModelInfo) {
        models[model.id] = model
    }

    /// Makes `alias` another name for `id`.
    public mutating func registerAlias(_ alias: String, for id: ModelID) {
        aliases[alias.lowercased()] = id
    }

    /// Every registered model, sorted by id.
    public var all: [ModelInfo] {
        models.values.sorted { $0.id.description < $1.id.description }
    }

    /// The aliases that lead to `id`, sorted.
    public func aliases(of id: ModelID) -> [String] {
        aliases.filter { $0.value == id }.map(\.key).sorted()
    }

    /// The description of a registered model, or `nil`.
    public func info(for id: ModelID) -> ModelInfo? {
        models[id]
    }

    /// Resolves an alias or a `provider/model` id.
    ///
    /// An id that is well formed but not registered resolves to itself, so that any model a
    /// provider serves can be called; only an unknown bare name is an error.
    ///
    /// - Throws: ``ModelError`` for a bare name that is no alias, listing close matches.
    public func resolve(_ text: String) throws(ModelError) -> ModelID {
        if let id = aliases[text.lowercased()] { return id }
        do {
            return try ModelID(parsing: text)
        } catch {
            let suggestions = closeMatches(to: text)
            throw .unknownModel(text, suggestions: suggestions)
        }
    }

    /// Known ids and aliases close to `text`, closest first.
    public func closeMatches(to text: String, limit: Int = 3) -> [String] {
        closeNames(to: text, among: models.keys.map(\.description) + aliases.keys, limit: limit)
    }
}
