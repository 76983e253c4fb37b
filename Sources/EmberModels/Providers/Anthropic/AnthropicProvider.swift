import Foundation

/// A provider that speaks Anthropic's messages API (`POST /v1/messages`), at Anthropic or at
/// any server that offers it (llama.cpp's `llama-server` does).
///
/// The API has no setting for the form of a reply, so a request's ``ModelRequest/responseFormat``
/// is not sent; describe the shape in the prompt.
public struct AnthropicProvider: ModelProvider {
    /// The URL that `/v1/messages` is appended to, such as `https://api.anthropic.com`.
    public var baseURL: String
    private let apiKey: String?
    private let client: any HTTPTransport
    private let timeouts: HTTPTimeouts
    private let streamIdleTimeout: Duration

    /// The API version sent in `anthropic-version`.
    public static let apiVersion = "2023-06-01"
    /// Anthropic's public API.
    public static let defaultBaseURL = "https://api.anthropic.com"

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - baseURL: The API's base URL, without `/v1`; a trailing `/` is ignored.
    ///   - apiKey: Sent as `x-api-key`; `nil` for a server that needs none.
    ///   - client: The transport to send through: an ``HTTPClient``, or a test's stand-in.
    ///   - timeouts: The timeouts of each request.
    ///   - streamIdleTimeout: The longest silence a stream may keep before it fails.
    public init(baseURL: String = Self.defaultBaseURL, apiKey: String?, client: any HTTPTransport,
                timeouts: HTTPTimeouts = HTTPTimeouts(),
                streamIdleTimeout: Duration = .seconds(60)) {
        var base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        if base.hasSuffix("/v1") { base = String(base.dropLast(3)) }
        self.baseURL = base
        self.apiKey = apiKey
        self.client = client
        self.timeouts = timeouts
        self.streamIdleTimeout = streamIdleTimeout
    }

    private var messagesURL: String { baseURL + "/v1/messages" }

    public func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        try await redactingErrors(apiKey) {
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.send(
                try httpRequest(for: request, model: model, isStreaming: false))
            guard response.isSuccess else {
                throw Self.error(status: response.status, body: response.body, url: messagesURL,
                                 header: response.header(named:))
            }
            var decoded = try ModelResponse.decodingAnthropicMessage(response.body,
                                                                     from: messagesURL)
            decoded.requestID = response.header(named: "request-id") ?? decoded.requestID
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
            let url = messagesURL
            return try await client.streamModelResponse(
                httpRequest, into: AnthropicStreamAccumulator(url: url),
                requestIDHeader: "request-id",
                error: { Self.error(status: $0, body: $1, url: url, header: $2) },
                onText: onText)
        }
    }

    private func httpRequest(for request: ModelRequest, model: String,
                             isStreaming: Bool) throws -> HTTPRequest {
        var headers = [HTTPHeader(name: "anthropic-version", value: Self.apiVersion)]
        if let apiKey { headers.append(HTTPHeader(name: "x-api-key", value: apiKey)) }
        return try .modelCall(
            url: messagesURL,
            body: AnthropicMessagesRequestBody(model: model, request: request,
                                               isStreaming: isStreaming),
            headers: headers, isStreaming: isStreaming, timeouts: timeouts)
    }

    private static func error(status: Int, body: Data, url: String,
                              header: (String) -> String?) -> ModelError {
        let detail = (try? JSONDecoder().decode(AnthropicErrorBody.self, from: body))?.error
        return .httpStatus(
            status, url: url,
            message: detail?.message ?? String(decoding: body.prefix(300), as: UTF8.self),
            providerType: detail?.type, requestID: header("request-id"),
            retryAfter: RetryAfter.delay(
                retryAfter: header("retry-after"),
                retryAfterMilliseconds: header("retry-after-ms"),
                now: header("date").flatMap(RetryAfter.httpDate) ?? Date()))
    }
}
