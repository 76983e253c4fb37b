import Foundation

/// A provider that speaks OpenAI's chat completions API: OpenAI itself, or any compatible
/// server (llama.cpp's `llama-server`, Ollama, vLLM, LM Studio) reached by its base URL.
public struct OpenAICompatibleProvider: ModelProvider {
    /// The URL that `/chat/completions` is appended to, such as `https://api.openai.com/v1`.
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
    ///   - client: The transport to send through: an ``HTTPClient`` shared with other
    ///     providers, or a test's stand-in.
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

    private var completionsURL: String { baseURL + "/chat/completions" }

    public func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        try await redactingErrors(apiKey) {
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.send(try httpRequest(for: request, model: model,
                                                                 isStreaming: false))
            guard response.isSuccess else {
                throw Self.error(status: response.status, body: response.body, url: completionsURL,
                                 header: response.header(named:))
            }
            var decoded = try ModelResponse.decodingChatCompletion(response.body,
                                                                   from: completionsURL)
            decoded.requestID = response.header(named: "x-request-id") ?? decoded.requestID
            decoded.latency = clock.now - start
            return decoded
        }
    }

    public func stream(_ request: ModelRequest, model: String)
        -> AsyncThrowingStream<ModelStreamEvent, any Error>
    {
        relayStream(redacting: apiKey) { onText in
            try await streamResponse(request, model: model, onText: onText)
        }
    }

    /// The ids of the models the server offers (`GET /models`).
    ///
    /// - Throws: ``ModelError`` for an error status or a body that is not a model list,
    ///   ``HTTPClientError`` when the server cannot be reached.
    public func listModels() async throws -> [String] {
        struct ModelList: Decodable {
            struct Entry: Decodable { var id: String }
            var data: [Entry]
        }
        let url = baseURL + "/models"
        let response = try await client.send(HTTPRequest(
            url: url, headers: HTTPHeader.openAI(apiKey: apiKey, organization: organization),
            timeouts: HTTPTimeouts(connect: .seconds(5), total: .seconds(30))))
        guard response.isSuccess else {
            throw Self.error(status: response.status, body: response.body, url: url,
                             header: response.header(named:))
        }
        do {
            return try JSONDecoder().decode(ModelList.self, from: response.body).data.map(\.id)
        } catch {
            throw ModelError.undecodableResponse(url: url, detail: "it is not a model list")
        }
    }

    private func streamResponse(_ request: ModelRequest, model: String,
                                onText: (String) -> Void) async throws -> ModelResponse {
        var httpRequest = try httpRequest(for: request, model: model, isStreaming: true)
        httpRequest.timeouts.idle = streamIdleTimeout
        let url = completionsURL
        return try await client.streamModelResponse(
            httpRequest, into: ChatCompletionsStreamAccumulator(url: url),
            requestIDHeader: "x-request-id",
            error: { Self.error(status: $0, body: $1, url: url, header: $2) },
            onText: onText)
    }

    private func httpRequest(for request: ModelRequest, model: String,
                             isStreaming: Bool) throws -> HTTPRequest {
        try .modelCall(
            url: completionsURL,
            body: ChatCompletionsRequestBody(model: model, request: request,
                                             isStreaming: isStreaming),
            headers: HTTPHeader.openAI(apiKey: apiKey, organization: organization),
            isStreaming: isStreaming, timeouts: timeouts)
    }

    /// The typed error for an error status, read from the `{"error": …}` body OpenAI and
    /// compatible servers send, with the request id and any `Retry-After` delay.
    static func error(status: Int, body: Data, url: String,
                              header: (String) -> String?) -> ModelError {
        let detail = (try? JSONDecoder().decode(ChatCompletionsErrorBody.self, from: body))?.error
        let message = detail?.message ?? String(decoding: body.prefix(300), as: UTF8.self)
        return .httpStatus(
            status, url: url, message: message, providerType: detail?.providerType,
            requestID: header("x-request-id") ?? header("request-id"),
            retryAfter: RetryAfter.delay(
                retryAfter: header("retry-after"),
                retryAfterMilliseconds: header("retry-after-ms"),
                now: header("date").flatMap(RetryAfter.httpDate) ?? Date()))
    }
}
