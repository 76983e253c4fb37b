import EmberModels
import Synchronization

/// A model provider for tests that answers from a script, after a set latency, and
/// records what it was asked.
///
/// The script sees each request's last user message and the call's position (0, 1, …
/// across all calls) and returns the reply's text, or throws to fail the call. Every reply
/// reports usage of 10 input tokens and 5 output tokens.
public final class ScriptedModelProvider: ModelProvider {
    /// One call as the provider saw it.
    public struct Call: Sendable {
        /// The model asked for.
        public var model: String
        /// The request's last user message.
        public var prompt: String
        /// The request's parameters.
        public var parameters: ModelParameters
        /// The request's whole conversation, oldest message first.
        public var messages: [ChatMessage]
        /// The form the request asked the reply to take, if it asked for one.
        public var responseFormat: ResponseFormat?
        /// The request's sample index, when it was one of several samples.
        public var sampleIndex: Int?
    }

    private struct State {
        var calls: [Call] = []
        var running = 0
        var peakRunning = 0
        var cancelled = 0
    }

    private let state = Mutex(State())
    private let latency: Duration
    private let latencyOfCall: (@Sendable (_ prompt: String, _ position: Int) -> Duration)?
    private let finishReason: FinishReason
    private let script: @Sendable (_ prompt: String, _ position: Int) throws -> String

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - latency: How long each call takes; a call cancelled meanwhile throws
    ///     `CancellationError` and counts in ``cancelledCount``.
    ///   - latencyOfCall: A latency per call, by prompt and position, in place of `latency`.
    ///   - finishReason: The finish reason every reply reports.
    ///   - script: The reply for a prompt and the call's position.
    public init(latency: Duration = .zero,
                latencyOfCall: (@Sendable (_ prompt: String, _ position: Int) -> Duration)? = nil,
                finishReason: FinishReason = .stop,
                script: @escaping @Sendable (_ prompt: String, _ position: Int) throws
                    -> String) {
        self.latency = latency
        self.latencyOfCall = latencyOfCall
        self.finishReason = finishReason
        self.script = script
    }

    public func complete(_ request: ModelRequest, model: String) async throws -> ModelResponse {
        let prompt = request.messages.last { $0.role == .user }?.content ?? ""
        let position = state.withLock { state in
            state.calls.append(Call(model: model, prompt: prompt,
                                    parameters: request.parameters,
                                    messages: request.messages,
                                    responseFormat: request.responseFormat,
                                    sampleIndex: request.sampleIndex))
            state.running += 1
            state.peakRunning = max(state.peakRunning, state.running)
            return state.calls.count - 1
        }
        defer { state.withLock { $0.running -= 1 } }
        let latency = latencyOfCall?(prompt, position) ?? self.latency
        if latency > .zero {
            do {
                try await Task.sleep(for: latency)
            } catch {
                state.withLock { $0.cancelled += 1 }
                throw error
            }
        }
        let text = try script(prompt, position)
        return ModelResponse(text: text, finishReason: finishReason,
                             usage: TokenUsage(inputTokens: 10, outputTokens: 5),
                             model: model, latency: latency)
    }

    /// Every call so far, in the order they started.
    public var calls: [Call] { state.withLock { $0.calls } }
    /// The most calls that were running at once.
    public var peakConcurrency: Int { state.withLock { $0.peakRunning } }
    /// The calls cancelled while they waited out their latency.
    public var cancelledCount: Int { state.withLock { $0.cancelled } }

    /// A service whose provider `test` is `self`, with unlimited concurrency and no retries.
    public func service(usage: UsageService = UsageService()) -> ModelService {
        var service = ModelService(usage: usage, retryPolicy: .never)
        service.register(self, as: "test",
                         limits: RateLimits(maximumConcurrency: 10_000))
        return service
    }
}
