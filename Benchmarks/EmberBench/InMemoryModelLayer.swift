import EmberModels
import Foundation

/// The model layer's own cost per call, with no network: `ModelService.complete` over a
/// transport that answers at once from memory with the loopback server's reply, against
/// the same transport called directly with the same request.
///
/// The difference is what Ember spends on a call besides I/O: building and encoding the
/// request, the rate limiter, decoding the reply, usage and cost. At N = 1,000 concurrent
/// calls that work runs on the cooperative pool before each request can be sent, so it adds
/// to how long the last of them waits to start.
enum InMemoryModelLayer {
    /// A transport that returns one canned response to every request.
    struct CannedTransport: HTTPTransport {
        let response: HTTPResponse

        func send(_ request: HTTPRequest) async throws -> HTTPResponse { response }

        func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
            throw UnexpectedReply("the in-memory benchmark does not stream")
        }
    }

    /// A chat completion shaped like the loopback server's.
    static let reply = HTTPResponse(
        status: 200, headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
        body: Data("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1796359236,\
            "model":"bench-model","choices":[{"index":0,"message":{"role":"assistant",\
            "content":"Hello! How can I help you today?"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}
            """.utf8))

    /// Microseconds per call, through the service and through the bare transport, for
    /// `calls` calls made `concurrency` at a time.
    static func measure(calls: Int, concurrency: Int) async throws
        -> (service: Double, transport: Double) {
        let transport = CannedTransport(response: reply)
        let provider = OpenAICompatibleProvider(baseURL: "http://127.0.0.1:9/v1", apiKey: nil,
                                                client: transport)
        let service = ModelService(
            providers: [BenchmarkTarget.providerName: provider],
            rateLimits: [BenchmarkTarget.providerName: RateLimits(maximumConcurrency: 2_000)],
            retryPolicy: .never)
        let request = HTTPRequest(method: .post, url: "http://127.0.0.1:9/v1/chat/completions",
                                  body: Data(#"{"model":"bench-model"}"#.utf8))
        let serviceTime = try await timeBatches(calls: calls, concurrency: concurrency) {
            _ = try await service.complete(BenchmarkTarget.request, model: BenchmarkTarget.model)
        }
        let transportTime = try await timeBatches(calls: calls, concurrency: concurrency) {
            _ = try await transport.send(request)
        }
        return (serviceTime, transportTime)
    }

    private static func timeBatches(
        calls: Int,
        concurrency: Int,
        _ call: @escaping @Sendable () async throws -> Void
    ) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<(calls / concurrency) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<concurrency { group.addTask { try await call() } }
                try await group.waitForAll()
            }
        }
        return (clock.now - start).seconds * 1e6 / Double(calls)
    }
}
