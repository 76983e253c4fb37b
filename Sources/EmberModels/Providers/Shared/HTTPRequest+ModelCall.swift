import Foundation

extension HTTPRequest {
    /// A provider's `POST` of a JSON body: the body encoded with sorted keys (so requests
    /// are byte-stable for tests and caches), `Content-Type: application/json`, and
    /// `Accept: text/event-stream` for a stream, before the provider's own `headers`.
    static func modelCall(url: String, body: some Encodable, headers: [HTTPHeader],
                          isStreaming: Bool, timeouts: HTTPTimeouts) throws -> HTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var allHeaders = [HTTPHeader(name: "Content-Type", value: "application/json")]
        if isStreaming {
            allHeaders.append(HTTPHeader(name: "Accept", value: "text/event-stream"))
        }
        return HTTPRequest(method: .post, url: url, headers: allHeaders + headers,
                           body: try encoder.encode(body), timeouts: timeouts)
    }
}

extension HTTPHeader {
    /// `Authorization: Bearer KEY`, or nothing without a key.
    static func bearer(_ apiKey: String?) -> [HTTPHeader] {
        apiKey.map { [HTTPHeader(name: "Authorization", value: "Bearer \($0)")] } ?? []
    }

    /// OpenAI's headers: the key as a bearer token, and the organization if there is one.
    static func openAI(apiKey: String?, organization: String?) -> [HTTPHeader] {
        bearer(apiKey)
            + (organization.map { [HTTPHeader(name: "OpenAI-Organization", value: $0)] } ?? [])
    }
}
