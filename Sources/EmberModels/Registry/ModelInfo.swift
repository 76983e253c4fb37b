/// What Ember knows about a model: where it is served, how much it reads, what it costs.
public struct ModelInfo: Sendable, Hashable {
    /// What a model can do beyond plain chat.
    public struct Capability: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Streams its reply.
        public static let streaming = Capability(rawValue: "streaming")
        /// Calls tools (functions).
        public static let toolCalls = Capability(rawValue: "tool calls")
        /// Follows a JSON schema for its output.
        public static let structuredOutput = Capability(rawValue: "structured output")
        /// Reads images.
        public static let vision = Capability(rawValue: "vision")
    }

    /// The model's id, `provider/model`.
    public var id: ModelID
    /// The most tokens of input and output together, where known.
    public var contextWindow: Int?
    /// Prices, or `nil` where unknown (its cost is then reported as unknown, not $0).
    public var pricing: ModelPricing?
    /// What it can do.
    public var capabilities: Set<Capability>

    /// Creates a model description.
    public init(id: ModelID, contextWindow: Int? = nil, pricing: ModelPricing? = nil,
                capabilities: Set<Capability> = [.streaming]) {
        self.id = id
        self.contextWindow = contextWindow
        self.pricing = pricing
        self.capabilities = capabilities
    }

    /// The provider's name.
    public var provider: String { id.provider }
}
