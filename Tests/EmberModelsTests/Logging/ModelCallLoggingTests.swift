import EmberTestSupport
import Foundation
import Synchronization
import Testing
import EmberModels

@Suite("One log line per model call", .timeLimit(.minutes(1)))
struct ModelCallLoggingTests {
    static let prompt = "PROMPT-7f3a how many apples are left?"
    static let reply = "COMPLETION-9b2c there are four apples"

    /// A service whose `openai` provider is `provider` (so calls are priced), logging to
    /// `recorder` at `level`.
    func service(_ provider: some ModelProvider, recorder: RecordingLogHandler,
                 level: LogLevel = .debug) -> ModelService {
        var service = ModelService(retryPolicy: .never, logger: recorder.logger(level: level))
        service.register(provider, as: "openai", limits: RateLimits(maximumConcurrency: 100))
        return service
    }

    /// Checks that no record says the prompt or the reply, in its line or its values.
    func expectNoText(in records: [LogRecord]) {
        for record in records {
            for text in [record.formattedLine] + Array(record.metadata.values) {
                #expect(!text.contains("PROMPT-7f3a"), "\(record.formattedLine)")
                #expect(!text.contains("COMPLETION-9b2c"), "\(record.formattedLine)")
                #expect(!text.contains("apples"), "\(record.formattedLine)")
            }
        }
    }

    @Test("a completed call logs its model, status, tokens, cost, attempts and cache hit")
    func completedCall() async throws {
        let recorder = RecordingLogHandler()
        let service = service(ScriptedModelProvider { _, _ in Self.reply }, recorder: recorder)
        let model = ModelID(provider: "openai", model: "gpt-4o-mini")
        let response = try await service.complete(ModelRequest(prompt: Self.prompt),
                                                  model: model)
        #expect(response.text == Self.reply)

        let lines = recorder.records(withMessage: "model call")
        try #require(lines.count == 1)
        let line = lines[0]
        #expect(line.level == .debug)
        #expect(line.metadata["model.id"] == "openai/gpt-4o-mini")
        #expect(line.metadata["call.status"] == "ok")
        #expect(line.metadata["call.attempts"] == "1")
        #expect(line.metadata["call.streaming"] == "false")
        #expect(line.metadata["call.cache_hit"] == "false")
        #expect(line.metadata["usage.input_tokens"] == "10")
        #expect(line.metadata["usage.output_tokens"] == "5")
        let cost = try #require(service.usage.cost(of: response.usage, model: model))
        #expect(cost > 0)
        #expect(line.metadata["usage.cost_usd"] == "\(cost)")
        let latency = try #require(line.metadata["call.latency_seconds"].flatMap(Double.init))
        #expect(latency >= 0)
        expectNoText(in: recorder.records)
    }

    @Test("a failed call logs the error's kind and status, never its message")
    func failedCall() async throws {
        let recorder = RecordingLogHandler()
        // The provider's message quotes the prompt back, as some do.
        let provider = ScriptedModelProvider { prompt, _ in
            throw ModelError.httpStatus(400, url: "https://example.invalid/v1",
                                        message: "cannot answer '\(prompt)'")
        }
        let service = service(provider, recorder: recorder)
        await #expect(throws: ModelError.self) {
            try await service.complete(ModelRequest(prompt: Self.prompt),
                                       model: "openai/gpt-4o-mini")
        }
        let line = try #require(recorder.records(withMessage: "model call").first)
        #expect(line.metadata["call.status"] == "invalid_request")
        #expect(line.metadata["call.http_status"] == "400")
        #expect(line.metadata["usage.input_tokens"] == nil)
        #expect(line.metadata["usage.cost_usd"] == nil)
        expectNoText(in: recorder.records)
    }

    @Test("a streamed call logs one line when it completes, and one when it fails")
    func streamedCalls() async throws {
        let recorder = RecordingLogHandler()
        let provider = ScriptedModelProvider { prompt, _ in
            if prompt.hasPrefix("fail") {
                throw ModelError.httpStatus(503, url: "u", message: "down: \(prompt)")
            }
            return Self.reply
        }
        let service = service(provider, recorder: recorder)
        var text = ""
        for try await event in service.stream(ModelRequest(prompt: Self.prompt),
                                              model: ModelID(provider: "openai",
                                                             model: "gpt-4o-mini")) {
            if case .textDelta(let delta) = event { text += delta }
        }
        #expect(text == Self.reply)
        await #expect(throws: ModelError.self) {
            for try await _ in service.stream(ModelRequest(prompt: "fail " + Self.prompt),
                                              model: ModelID(provider: "openai",
                                                             model: "gpt-4o-mini")) {}
        }
        let lines = recorder.records(withMessage: "model call")
        try #require(lines.count == 2)
        #expect(lines.map { $0.metadata["call.streaming"] } == ["true", "true"])
        #expect(lines.map { $0.metadata["call.status"] } == ["ok", "server_error"])
        #expect(lines[0].metadata["usage.output_tokens"] == "5")
        expectNoText(in: recorder.records)
    }

    @Test("retries count in the call's attempts, each wait a trace line")
    func retries() async throws {
        let count = Mutex(0)
        let server = try LoopbackHTTPServer.start { _ in
            let index = count.withLock { value in
                defer { value += 1 }
                return value
            }
            return index < 2
                ? .json(#"{"error":{"message":"busy","type":"server"}}"#, status: 500)
                : .json(#"{"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}],"#
                    + #""usage":{"prompt_tokens":7,"completion_tokens":2}}"#)
        }
        defer { server.stop() }
        let recorder = RecordingLogHandler()
        let service = ModelService(
            providers: ["test": OpenAICompatibleProvider(baseURL: server.baseURL,
                                                         apiKey: "sk-test-key-123456",
                                                         client: HTTPClient())],
            retryPolicy: RetryPolicy(maximumAttempts: 4), clock: RecordingClock(),
            logger: recorder.logger(level: .trace))
        _ = try await service.complete(ModelRequest(prompt: Self.prompt), model: "test/m")

        let line = try #require(recorder.records(withMessage: "model call").first)
        #expect(line.metadata["call.attempts"] == "3")
        #expect(line.metadata["call.status"] == "ok")
        #expect(line.metadata["usage.input_tokens"] == "7")
        let waits = recorder.records(withMessage: "retrying model call")
        #expect(waits.count == 2)
        #expect(waits.allSatisfy { $0.level == .trace })
        #expect(waits.map { $0.metadata["retry.failed_attempt"] } == ["1", "2"])
        #expect(waits.allSatisfy { $0.metadata["retry.error"] == "server_error" })
        #expect(!recorder.records.contains { $0.formattedLine.contains("sk-test-key") })
        expectNoText(in: recorder.records)
    }

    @Test("at debug level the trace lines are left out; by default nothing is logged")
    func levels() async throws {
        let recorder = RecordingLogHandler()
        let service = service(ScriptedModelProvider { _, _ in "ok" }, recorder: recorder,
                              level: .info)
        _ = try await service.complete(ModelRequest(prompt: "x"), model: "openai/gpt-4o-mini")
        #expect(recorder.records.isEmpty)
        let plain = ModelService()
        #expect(LogLevel.allCases.allSatisfy { !plain.logger.isEnabled($0) })
    }
}
