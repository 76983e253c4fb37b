import EmberModels
import Foundation

/// A model, the parameters to call it with, and the service that reaches it: what a
/// model-backed operator needs to make a call.
///
/// Two callers are equal when they would send the same request the same way: the same
/// service (by its ``ModelService/identity``, so a copy changed since, or a service built
/// alike but separately, is another), the same model and equal parameters. That is what lets
/// the JIT hand a call launched ahead to an equal call with no wrapping (see
/// `JITFunction`).
///
/// Equality says nothing of determinism: at a temperature above 0 two equal calls may reply
/// differently, and they are still equal, as two draws from one distribution. The JIT hands
/// each launched call's reply to exactly one equal call, so a function that asks an equal
/// caller twice on one input gets two samples, one per call, as it would run plainly.
public struct ModelCaller: Sendable, Hashable {
    /// The service calls go through (rate limits, retries, usage recording).
    public var service: ModelService
    /// The model called.
    public var model: ModelID
    /// Sampling parameters for every call.
    public var parameters: ModelParameters

    /// Creates a caller.
    public init(service: ModelService, model: ModelID,
                parameters: ModelParameters = ModelParameters()) {
        self.service = service
        self.model = model
        self.parameters = parameters
    }

    /// Sends `messages` and returns the reply's text with the call's record.
    ///
    /// The call's usage is recorded by ``service`` under the caller's usage scope. An empty
    /// reply is returned as `""`, not an error: whether it counts is the reader's choice.
    /// A reply from the service's response cache is recorded at cost 0, with the original
    /// call's cost beside it.
    ///
    /// - Parameters:
    ///   - messages: The conversation, oldest message first.
    ///   - responseFormat: The form the reply must take, such as a JSON schema; `nil` leaves
    ///     it to the provider (free text). Providers without such a setting ignore it.
    /// - Throws: The model layer's error once retries are spent; `CancellationError` when
    ///   the task is cancelled (the request's connection is closed).
    public func complete(_ messages: [ChatMessage], responseFormat: ResponseFormat? = nil,
                         sampleIndex: Int? = nil) async throws -> Candidate {
        try await reply(to: messages, responseFormat: responseFormat,
                        sampleIndex: sampleIndex).candidate
    }

    /// Sends `messages` as ``complete(_:responseFormat:sampleIndex:)`` does, and returns the
    /// response as it came besides the candidate, for a caller that continues the
    /// conversation and must send the provider's turn back (``ModelResponse/providerTurn``).
    func reply(to messages: [ChatMessage], responseFormat: ResponseFormat?,
               sampleIndex: Int?) async throws -> (candidate: Candidate, response: ModelResponse)
    {
        var request = ModelRequest(messages: messages, parameters: parameters,
                                   responseFormat: responseFormat)
        request.sampleIndex = sampleIndex
        let response = try await service.complete(request, model: model)
        let cost = service.usage.cost(of: response.usage, model: model)
        let call = ModelCallRecord(
            model: model, usage: response.usage, cost: response.isCached ? 0 : cost,
            latency: response.latency, finishReason: response.finishReason,
            isCached: response.isCached, originalCost: response.isCached ? cost : nil)
        return (Candidate(text: response.text ?? "", call: call), response)
    }

    /// Sends one user message, asking for a reply in `responseFormat` when one is given.
    public func complete(prompt: String, responseFormat: ResponseFormat? = nil,
                         sampleIndex: Int? = nil) async throws -> Candidate {
        try await complete([.user(prompt)], responseFormat: responseFormat,
                           sampleIndex: sampleIndex)
    }
}

extension ModelCaller {
    /// Whether both callers reach the same service configuration, model and parameters.
    public static func == (left: ModelCaller, right: ModelCaller) -> Bool {
        left.service.identity == right.service.identity && left.model == right.model
            && left.parameters == right.parameters
    }

    /// Hashes the service's identity, the model and the parameters.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(service.identity)
        hasher.combine(model)
        hasher.combine(parameters)
    }
}
