import EmberModels

/// A model that answers after a fixed wait, standing for a provider's network latency.
struct SleepingModel: ModelProvider {
    let latency: Duration

    func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        try await Task.sleep(for: latency)
        return ModelResponse(text: "#### 42", finishReason: .stop,
                             usage: TokenUsage(inputTokens: 10, outputTokens: 5), model: model,
                             latency: latency)
    }

    /// A service with this model as provider `sleep`, no retries, no concurrency cap to
    /// speak of.
    static func service(latency: Duration) -> ModelService {
        var service = ModelService(retryPolicy: .never)
        service.register(SleepingModel(latency: latency), as: "sleep",
                         limits: RateLimits(maximumConcurrency: 100_000))
        return service
    }
}
