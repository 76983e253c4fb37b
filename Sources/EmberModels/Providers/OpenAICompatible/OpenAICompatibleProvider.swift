import Foundation

/// A provider that speaks OpenAI's chat completions API: OpenAI itself, or any compatible
/// server (llama.cpp's `llama-server`, Ollama, vLLM, LM Studio) reached by its base URL.
public struct OpenAICompatibleProvider: ModelProvider {
    /// The URL that `/chat/completions` is appended to, such as `https://api.openai.com/v1`.
    public var baseURL: String
    private let apiKey: String?
    private let client: HTTPClient
    private let timeouts: HTTPTimeouts

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - baseURL: The API's base URL; a trailing `/` is ignored.
    ///   - apiKey: Sent as a bearer token; `nil` for a server that needs none.
    ///   - client: The HTTP client to send through, shared with other providers.
    ///   - timeouts: The timeouts of each request.
    public init(baseURL: String, apiKey: String?, client: HTTPClient,
                timeouts: HTTPTimeouts = HTTPTimeouts()) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.client = client
        self.timeouts = timeouts
    }

    public func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        let url = baseURL + "/chat/completions"
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = try encoder.encode(ChatCompletionsRequestBody(model: model, request: request))
        var headers = [HTTPHeader(name: "Content-Type", value: "application/json")]
        if let apiKey {
            headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(apiKey)"))
        }
        let response = try await client.send(HTTPRequest(
            method: .post, url: url, headers: headers, body: body, timeouts: timeouts))
        guard response.isSuccess else {
            throw ModelError.httpStatus(response.status, url: url,
                                        message: Self.errorMessage(in: response.body))
        }
        return try ModelResponse.decodingChatCompletion(response.body, from: url)
    }

    private static func errorMessage(in body: Data) -> String {
        if let decoded = try? JSONDecoder().decode(ChatCompletionsErrorBody.self, from: body),
           let message = decoded.error?.message {
            return message
        }
        return String(decoding: body.prefix(300), as: UTF8.self)
    }
}
