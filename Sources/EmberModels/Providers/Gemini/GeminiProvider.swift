import Foundation

/// A provider that speaks Google's Gemini API (`v1beta`): `generateContent` for whole
/// replies, `streamGenerateContent` with server-sent events for streams.
///
/// The API key travels in the `x-goog-api-key` header, never in the URL, so it appears in
/// no error and no log of a URL.
public struct GeminiProvider: ModelProvider {
    /// The Gemini API's public endpoint.
    public static let defaultBaseURL = "https://generativelanguage.googleapis.com/v1beta"

    /// The URL that `/models/{model}:generateContent` is appended to.
    public var baseURL: String
    private let apiKey: String?
    private let client: any HTTPTransport
    private let timeouts: HTTPTimeouts
    private let streamIdleTimeout: Duration

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - baseURL: The API's base URL; a trailing `/` is ignored.
    ///   - apiKey: Sent in the `x-goog-api-key` header; `nil` for a gateway that adds it.
    ///   - client: The transport to send through: an ``HTTPClient`` shared with other
    ///     providers, or a test's stand-in.
    ///   - timeouts: The timeouts of each request.
    ///   - streamIdleTimeout: The longest silence a stream may keep before it fails.
    public init(baseURL: String = GeminiProvider.defaultBaseURL, apiKey: String?,
                client: any HTTPTransport, timeouts: HTTPTimeouts = HTTPTimeouts(),
                streamIdleTimeout: Duration = .seconds(60)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.client = client
        self.timeouts = timeouts
        self.streamIdleTimeout = streamIdleTimeout
    }

    /// The URL of a method on a model. A bare name (`gemini-2.5-flash`) is a model under
    /// `models/`; a name with a `/` (`tunedModels/my-model`) is a resource path as it is.
    private func methodURL(_ method: String, model: String) -> String {
        let resource = model.contains("/") ? model : "models/" + model
        return "\(baseURL)/\(resource):\(method)"
    }

    public func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        try await redactingErrors(apiKey) {
            let url = methodURL("generateContent", model: model)
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.send(try httpRequest(for: request, url: url,
                                                                 isStreaming: false))
            guard response.isSuccess else {
                throw Self.error(status: response.status, body: response.body, url: url,
                                 header: response.header(named:))
            }
            var decoded = try ModelResponse.decodingGemini(response.body, from: url)
            decoded.requestID = response.header(named: "x-request-id") ?? decoded.requestID
            decoded.latency = clock.now - start
            return decoded
        }
    }

    public func stream(_ request: ModelRequest, model: String)
        -> AsyncThrowingStream<ModelStreamEvent, any Error>
    {
        relayStream(redacting: apiKey) { onText in
            // The URL is the subject of errors; it carries no key, which goes in a header.
            let url = methodURL("streamGenerateContent", model: model) + "?alt=sse"
            var httpRequest = try httpRequest(for: request, url: url, isStreaming: true)
            httpRequest.timeouts.idle = streamIdleTimeout
            return try await client.streamModelResponse(
                httpRequest, into: GeminiStreamAccumulator(url: url),
                requestIDHeader: "x-request-id",
                error: { Self.error(status: $0, body: $1, url: url, header: $2) },
                onText: onText)
        }
    }

    private func httpRequest(for request: ModelRequest, url: String,
                             isStreaming: Bool) throws -> HTTPRequest {
        let headers = apiKey.map { [HTTPHeader(name: "x-goog-api-key", value: $0)] } ?? []
        return try .modelCall(url: url, body: GeminiRequestBody(request), headers: headers,
                              isStreaming: isStreaming, timeouts: timeouts)
    }

    /// The error an error status stands for. The wait comes from `Retry-After` (or
    /// `retry-after-ms`) where the response has one, else from a `RetryInfo` detail.
    private static func error(status: Int, body: Data, url: String,
                              header: (String) -> String?) -> ModelError {
        let detail = GeminiErrorDetail.decoding(body)
        let message = detail?.message ?? String(decoding: body.prefix(300), as: UTF8.self)
        let headerDelay = RetryAfter.delay(
            retryAfter: header("retry-after"),
            retryAfterMilliseconds: header("retry-after-ms"),
            now: header("date").flatMap(RetryAfter.httpDate) ?? Date())
        return .httpStatus(status, url: url, message: message, providerType: detail?.status,
                           requestID: header("x-request-id"),
                           retryAfter: headerDelay ?? detail?.retryDelay)
    }
}
