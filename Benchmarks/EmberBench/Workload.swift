import EmberModels
import Foundation

/// One configuration of the benchmark: a kind of call, made `concurrency` times at once.
struct Workload: Sendable {
    /// How each call reaches the server.
    enum Kind: String, Sendable {
        /// `ModelService.complete`, non-streaming.
        case complete
        /// `ModelService.stream`, read to its `.completed` event.
        case stream
        /// `HTTPClient.send` of the same POST, bypassing the model layer: the baseline.
        case rawHTTP = "raw HTTPClient"
    }

    var kind: Kind
    var concurrency: Int

    var name: String { "\(kind.rawValue) ×\(concurrency)" }
}

/// What a workload's calls go through: one service and the client under it.
struct BenchmarkTarget: Sendable {
    /// The provider name the service knows the loopback server by.
    static let providerName = "bench"
    static let model = ModelID(provider: providerName, model: "bench-model")
    static let request = ModelRequest(
        prompt: "Say hello.", parameters: ModelParameters(maximumTokens: 16))

    let service: ModelService
    let client: HTTPClient
    /// The POST the provider sends, encoded once, for the raw baseline.
    let rawRequest: HTTPRequest

    /// Builds a service over one OpenAI-compatible provider at `baseURL`.
    ///
    /// The limits that would otherwise cap a run are raised so that the benchmark measures
    /// the transport: the provider's concurrency cap (64 by default) and the client's
    /// connections per host (64 by default). Retries are off, so a failure is counted
    /// rather than hidden.
    init(baseURL: String, maximumConcurrency: Int) {
        client = HTTPClient(maximumConnectionsPerHost: maximumConcurrency)
        let provider = OpenAICompatibleProvider(baseURL: baseURL, apiKey: nil, client: client)
        service = ModelService(
            providers: [Self.providerName: provider],
            rateLimits: [Self.providerName: RateLimits(maximumConcurrency: maximumConcurrency)],
            retryPolicy: .never)
        let body = Data("""
            {"max_tokens":16,"messages":[{"content":"Say hello.","role":"user"}],\
            "model":"bench-model"}
            """.utf8)
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        rawRequest = HTTPRequest(
            method: .post, url: trimmed + "/chat/completions",
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
            body: body)
    }

    /// Makes one call of the given kind.
    ///
    /// - Throws: The call's error, or ``UnexpectedReply`` for a reply that is not a
    ///   finished answer.
    func call(_ kind: Workload.Kind) async throws {
        switch kind {
        case .complete:
            let response = try await service.complete(Self.request, model: Self.model)
            guard response.text?.isEmpty == false else { throw UnexpectedReply("no text") }
        case .stream:
            var deltas = 0
            var isCompleted = false
            for try await event in service.stream(Self.request, model: Self.model) {
                switch event {
                case .textDelta: deltas += 1
                case .completed: isCompleted = true
                }
            }
            guard isCompleted, deltas > 0 else {
                throw UnexpectedReply("the stream ended after \(deltas) deltas, not completed")
            }
        case .rawHTTP:
            let response = try await client.send(rawRequest)
            guard response.isSuccess else { throw UnexpectedReply("status \(response.status)") }
        }
    }
}

/// A reply that arrived but is not what the loopback server sends.
struct UnexpectedReply: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
