/// One message of a conversation with a chat model.
public struct ChatMessage: Sendable, Hashable, Codable {
    /// Who speaks a message.
    public struct Role: RawRepresentable, Sendable, Hashable, Codable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Instructions that frame the conversation.
        public static let system = Role(rawValue: "system")
        /// The person or program asking.
        public static let user = Role(rawValue: "user")
        /// The model.
        public static let assistant = Role(rawValue: "assistant")
        /// The result of a tool the model called.
        public static let tool = Role(rawValue: "tool")
    }

    /// Who speaks.
    public var role: Role
    /// What is said; `nil` for an assistant turn that only called tools.
    public var content: String?
    /// The tools an assistant turn called.
    public var toolCalls: [ToolCall]
    /// For a ``Role/tool`` message: the id of the call whose result it carries.
    public var toolCallID: String?
    /// For an assistant turn: the turn as its provider wrote it, which a provider of that
    /// format sends in place of ``content`` and ``toolCalls`` (see ``ProviderTurn``).
    public var providerTurn: ProviderTurn?

    /// Creates a message.
    public init(role: Role, content: String?, toolCalls: [ToolCall] = [],
                toolCallID: String? = nil, providerTurn: ProviderTurn? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.providerTurn = providerTurn
    }

    /// A system message.
    public static func system(_ content: String) -> Self { Self(role: .system, content: content) }
    /// A user message.
    public static func user(_ content: String) -> Self { Self(role: .user, content: content) }

    /// The assistant turn a response stands for, to send back in the next request, with
    /// the provider's own turn when the response kept one.
    public static func assistant(_ response: ModelResponse) -> Self {
        Self(role: .assistant, content: response.text, toolCalls: response.toolCalls,
             providerTurn: response.providerTurn)
    }

    /// The result of a tool call, answering the call with this id.
    public static func toolResult(_ content: String, callID: String) -> Self {
        Self(role: .tool, content: content, toolCallID: callID)
    }
}

/// The sampling settings of one model call; `nil` leaves a setting to the provider.
public struct ModelParameters: Sendable, Hashable {
    /// Sampling temperature, usually 0–2; 0 is greedy.
    public var temperature: Double?
    /// The most tokens the model may generate.
    public var maximumTokens: Int?
    /// Nucleus sampling: the probability mass to sample from.
    public var topP: Double?
    /// A seed for providers that support reproducible sampling.
    public var seed: Int?
    /// Sequences at which generation stops.
    public var stopSequences: [String]

    /// Creates a set of parameters.
    public init(temperature: Double? = nil, maximumTokens: Int? = nil, topP: Double? = nil,
                seed: Int? = nil, stopSequences: [String] = []) {
        self.temperature = temperature
        self.maximumTokens = maximumTokens
        self.topP = topP
        self.seed = seed
        self.stopSequences = stopSequences
    }
}

/// A request to a chat model: the conversation so far and how to sample the reply.
public struct ModelRequest: Sendable, Hashable {
    /// The conversation, oldest message first.
    public var messages: [ChatMessage]
    /// How to sample.
    public var parameters: ModelParameters
    /// The form the reply must take; `nil` leaves it to the provider, which means free text.
    public var responseFormat: ResponseFormat?
    /// Which sample of several identical requests this is (an ensemble's member), so that
    /// a response cache keeps them apart; never sent to the provider.
    public var sampleIndex: Int?

    /// Creates a request.
    public init(messages: [ChatMessage], parameters: ModelParameters = ModelParameters(),
                responseFormat: ResponseFormat? = nil) {
        self.messages = messages
        self.parameters = parameters
        self.responseFormat = responseFormat
    }

    /// A request of a single user message.
    public init(prompt: String, parameters: ModelParameters = ModelParameters(),
                responseFormat: ResponseFormat? = nil) {
        self.init(messages: [.user(prompt)], parameters: parameters,
                  responseFormat: responseFormat)
    }
}
