import Foundation

/// A provider that speaks OpenAI's Responses API (`POST /responses`), at OpenAI or at a
/// compatible server (llama.cpp's `llama-server` offers it).
public struct OpenAIResponsesProvider: ModelProvider {
    /// The URL that `/responses` is appended to, such as `https://api.openai.com/v1`.
    public var baseURL: String
    private let apiKey: String?
    private let organization: String?
    private let client: any HTTPTransport
    private let timeouts: HTTPTimeouts
    private let streamIdleTimeout: Duration

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - baseURL: The API's base URL; a trailing `/` is ignored.
    ///   - apiKey: Sent as a bearer token; `nil` for a server that needs none.
    ///   - client: The transport to send through: an ``HTTPClient``, or a test's stand-in.
    ///   - timeouts: The timeouts of each request.
    ///   - streamIdleTimeout: The longest silence a stream may keep before it fails.
    ///   - organization: An OpenAI organization id, sent as `OpenAI-Organization`.
    public init(baseURL: String, apiKey: String?, client: any HTTPTransport,
                timeouts: HTTPTimeouts = HTTPTimeouts(),
                streamIdleTimeout: Duration = .seconds(60), organization: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.organization = organization
        self.client = client
        self.timeouts = timeouts
        self.streamIdleTimeout = streamIdleTimeout
    }

    private var responsesURL: String { baseURL + "/responses" }

    public func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        try await redactingErrors(apiKey) {
            let url = responsesURL
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.send(
                try httpRequest(for: request, model: model, isStreaming: false))
            guard response.isSuccess else {
                throw OpenAICompatibleProvider.error(status: response.status, body: response.body,
                                                     url: url, header: response.header(named:))
            }
            let object: ResponsesObject
            do {
                object = try JSONDecoder().decode(ResponsesObject.self, from: response.body)
            } catch {
                let excerpt = String(decoding: response.body.prefix(200), as: UTF8.self)
                throw ModelError.undecodableResponse(url: url,
                                                     detail: "it is not a response (\(excerpt))")
            }
            var decoded = object.modelResponse
            decoded.requestID = response.header(named: "x-request-id") ?? decoded.requestID
            decoded.latency = clock.now - start
            return decoded
        }
    }

    public func stream(_ request: ModelRequest, model: String)
        -> AsyncThrowingStream<ModelStreamEvent, any Error>
    {
        relayStream(redacting: apiKey) { onText in
            var httpRequest = try httpRequest(for: request, model: model, isStreaming: true)
            httpRequest.timeouts.idle = streamIdleTimeout
            let url = responsesURL
            return try await client.streamModelResponse(
                httpRequest, into: ResponsesStreamAccumulator(url: url),
                requestIDHeader: "x-request-id",
                error: { OpenAICompatibleProvider.error(status: $0, body: $1, url: url, header: $2) },
                onText: onText)
        }
    }

    private func httpRequest(for request: ModelRequest, model: String,
                             isStreaming: Bool) throws -> HTTPRequest {
        try .modelCall(
            url: responsesURL,
            body: ResponsesRequestBody(model: model, request: request, isStreaming: isStreaming),
            headers: HTTPHeader.openAI(apiKey: apiKey, organization: organization),
            isStreaming: isStreaming, timeouts: timeouts)
    }
}
