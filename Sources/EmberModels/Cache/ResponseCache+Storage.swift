import Foundation

extension ResponseCache {
    /// A response and its cost, as one cache row holds them.
    struct Stored: Sendable {
        var response: ModelResponse
        var cost: Decimal?

        /// The response's fields as the row's JSON.
        private struct Document: Codable {
            var text: String?
            var finishReason: String?
            var toolCalls: [ToolCall]
            var usage: TokenUsage?
            var model: String?
            var requestID: String?
            var latencySeconds: Double?
            var providerTurn: ProviderTurn?
        }

        func encodedResponse() throws -> String {
            let document = Document(
                text: response.text, finishReason: response.finishReason?.rawValue,
                toolCalls: response.toolCalls, usage: response.usage, model: response.model,
                requestID: response.requestID, latencySeconds: response.latency?.seconds,
                providerTurn: response.providerTurn)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(document), as: UTF8.self)
        }

        static func decode(_ text: String, model: ModelID, key: ResponseCacheKey,
                           path: String) throws(ResponseCacheError) -> ModelResponse {
            let document: Document
            do {
                document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
            } catch {
                throw .unreadableEntry(model: model, key: key, path: path,
                                       detail: "\(error)")
            }
            return ModelResponse(
                text: document.text,
                finishReason: document.finishReason.map { FinishReason(rawValue: $0) },
                toolCalls: document.toolCalls, usage: document.usage, model: document.model,
                requestID: document.requestID,
                latency: document.latencySeconds.map { Duration.seconds($0) },
                providerTurn: document.providerTurn)
        }
    }
}
