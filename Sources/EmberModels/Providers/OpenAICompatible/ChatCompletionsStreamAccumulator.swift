import Foundation

/// Builds one response out of the events of a streamed chat completion.
///
/// Text deltas are concatenated. Usage is taken from the last chunk that carries it (servers
/// that repeat a cumulative count on every chunk are read correctly; a chunk with
/// `"usage": null` changes nothing). Chunks without choices — a usage-only final chunk, a
/// `{"type":"ping"}` — add no text. An `error` object inside the stream ends it in a typed
/// error that keeps the text so far.
struct ChatCompletionsStreamAccumulator: StreamAccumulator {
    let url: String
    private(set) var text = ""
    private(set) var finishReason: FinishReason?
    private(set) var usage: TokenUsage?
    private(set) var model: String?
    /// Whether `data: [DONE]` arrived.
    private(set) var isDone = false

    init(url: String) {
        self.url = url
    }

    /// Takes one event; returns the text it adds, if any.
    mutating func consume(_ event: ServerSentEvent) throws(ModelError) -> String? {
        if event.data == "[DONE]" {
            isDone = true
            return nil
        }
        if event.type == "error" {
            throw streamError(in: event.data)
        }
        let chunk: ChatCompletionsChunk
        do {
            chunk = try JSONDecoder().decode(ChatCompletionsChunk.self, from: Data(event.data.utf8))
        } catch {
            throw .undecodableResponse(
                url: url, detail: "a stream event is not JSON: \(event.data.prefix(200))")
        }
        if let error = chunk.error {
            throw .streamError(url: url, providerType: error.providerType,
                               message: error.message ?? "", partialText: text)
        }
        if let model = chunk.model { self.model = model }
        if let reported = chunk.usage?.tokenUsage { usage = reported }
        guard let choice = chunk.choices?.first else { return nil }
        if let reason = choice.finishReason { finishReason = FinishReason(rawValue: reason) }
        guard let delta = choice.delta?.content, !delta.isEmpty else { return nil }
        text += delta
        return delta
    }

    /// Checks that the stream ended as a finished answer: `[DONE]`, or at least a finish
    /// reason before the connection closed.
    func finish() throws(ModelError) -> ModelResponse {
        guard isDone || finishReason != nil else {
            throw .truncatedStream(url: url, partialText: text)
        }
        return ModelResponse(text: text, finishReason: finishReason, usage: usage, model: model)
    }

    private func streamError(in data: String) -> ModelError {
        struct Envelope: Decodable {
            var error: ChatCompletionsErrorDetail?
        }
        let detail = (try? JSONDecoder().decode(Envelope.self, from: Data(data.utf8)))?.error
        return .streamError(url: url, providerType: detail?.providerType,
                            message: detail?.message ?? data, partialText: text)
    }
}
