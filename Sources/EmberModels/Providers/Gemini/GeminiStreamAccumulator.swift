import Foundation

/// Builds one response out of the events of a streamed `streamGenerateContent` reply.
///
/// Every `data:` event is a whole `GenerateContentResponse`. The text parts of each are the
/// next delta; function calls arrive whole and are collected in order. Gemini repeats the
/// usage so far on every chunk, so the last count is the total. A chunk with a finish
/// reason (or a prompt block reason) finishes the answer, and reading stops there: Gemini
/// sends its final usage on that same chunk. An `error` object ends the stream in a typed
/// error that keeps the text so far. Parts carrying thought signatures are kept, with the
/// others, in the response's ``ModelResponse/providerTurn`` (see ``GeminiStreamedParts``).
struct GeminiStreamAccumulator: StreamAccumulator {
    let url: String
    private(set) var text = ""
    private(set) var toolCalls: [ToolCall] = []
    private(set) var usage: TokenUsage?
    private(set) var model: String?
    private(set) var responseID: String?
    /// Gemini's own finish reason, as it arrived.
    private(set) var providerFinishReason: String?
    private var hasText = false
    private var isPromptBlocked = false
    /// Every part so far, for a reply whose thought signatures must be sent back.
    private var streamedParts = GeminiStreamedParts()

    init(url: String) {
        self.url = url
    }

    /// Whether a chunk has said the answer is over: Gemini has no separate end event.
    var isDone: Bool { providerFinishReason != nil || isPromptBlocked }

    /// Takes one event; returns the text it adds, if any.
    mutating func consume(_ event: ServerSentEvent) throws(ModelError) -> String? {
        if event.type == "error" {
            let detail = GeminiErrorDetail.decoding(Data(event.data.utf8))
            throw .streamError(url: url, providerType: detail?.status,
                               message: detail?.message ?? event.data, partialText: text)
        }
        let chunk: GeminiResponseBody
        do {
            chunk = try JSONDecoder().decode(GeminiResponseBody.self, from: Data(event.data.utf8))
        } catch {
            throw .undecodableResponse(
                url: url, detail: "a stream event is not JSON: \(event.data.prefix(200))")
        }
        if let error = chunk.error {
            throw .streamError(url: url, providerType: error.status,
                               message: error.message ?? "", partialText: text)
        }

        if let model = chunk.modelVersion { self.model = model }
        if let responseID = chunk.responseId { self.responseID = responseID }
        if let reported = chunk.usageMetadata { usage = reported.tokenUsage }
        if chunk.promptFeedback?.blockReason != nil { isPromptBlocked = true }
        guard let candidate = chunk.candidates?.first else { return nil }
        if let reason = candidate.finishReason { providerFinishReason = reason }

        for part in candidate.rawParts { streamedParts.append(part) }
        let parts = candidate.content?.parts ?? []
        for call in parts.compactMap(\.functionCall) {
            toolCalls.append(call.toolCall(ordinal: toolCalls.count))
        }
        let texts = parts.compactMap(\.answerText)
        guard !texts.isEmpty else { return nil }
        hasText = true
        let delta = texts.joined()
        text += delta
        return delta.isEmpty ? nil : delta
    }

    /// Checks that the stream ended as a finished answer: some chunk carried a finish reason.
    ///
    /// The response's text is `nil` when no text part arrived, as for a whole reply.
    func finish() throws(ModelError) -> ModelResponse {
        guard isDone else {
            throw .truncatedStream(url: url, partialText: text)
        }
        let finishReason: FinishReason? = isPromptBlocked && providerFinishReason == nil
            ? .contentFilter
            : FinishReason(gemini: providerFinishReason, hasToolCalls: !toolCalls.isEmpty)
        return ModelResponse(text: hasText ? text : nil, finishReason: finishReason,
                             toolCalls: toolCalls, usage: usage, model: model,
                             requestID: responseID, providerTurn: streamedParts.providerTurn)
    }
}
