import Foundation

/// Builds one response out of the events of a streamed Responses API call.
///
/// `response.output_text.delta` events carry the text; `response.completed` and
/// `response.incomplete` carry the whole response and end the stream; `response.failed` and
/// `error` end it in a typed error that keeps the text so far.
struct ResponsesStreamAccumulator: StreamAccumulator {
    private struct Event: Decodable {
        var type: String
        var delta: String?
        var response: ResponsesObject?
        var code: String?
        var message: String?
    }

    let url: String
    private(set) var text = ""
    private(set) var isDone = false
    private var final: ResponsesObject?

    init(url: String) {
        self.url = url
    }

    mutating func consume(_ event: ServerSentEvent) throws(ModelError) -> String? {
        let decoded: Event
        do {
            decoded = try JSONDecoder().decode(Event.self, from: Data(event.data.utf8))
        } catch {
            throw .undecodableResponse(
                url: url, detail: "a stream event is not JSON: \(event.data.prefix(200))")
        }
        switch decoded.type {
        case "response.output_text.delta":
            guard let delta = decoded.delta, !delta.isEmpty else { return nil }
            text += delta
            return delta
        case "response.completed", "response.incomplete":
            final = decoded.response
            isDone = true
        case "response.failed":
            let error = decoded.response?.error
            throw .streamError(url: url, providerType: error?.providerType,
                               message: error?.message ?? "the response failed",
                               partialText: text)
        case "error":
            throw .streamError(url: url, providerType: decoded.code,
                               message: decoded.message ?? "", partialText: text)
        default:
            break
        }
        return nil
    }

    func finish() throws(ModelError) -> ModelResponse {
        guard isDone, let final else { throw .truncatedStream(url: url, partialText: text) }
        var response = final.modelResponse
        if response.text == nil, !text.isEmpty { response.text = text }
        return response
    }
}
