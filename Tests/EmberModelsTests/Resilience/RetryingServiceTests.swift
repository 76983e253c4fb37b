import EmberTestSupport
import Foundation
import Synchronization
import Testing
import EmberModels

@Suite("Retries through ModelService", .timeLimit(.minutes(1)))
struct RetryingServiceTests {
    static let success = ScriptedResponse.json(
        #"{"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}]}"#)

    static func error(_ status: Int, headers: [String: String] = [:]) -> ScriptedResponse {
        .respond(status: status, headers: headers,
                 body: Data(#"{"error":{"message":"try later","type":"server"}}"#.utf8))
    }

    /// Runs one call through a service whose server answers with `responses` in turn.
    func call(_ responses: [ScriptedResponse],
              policy: RetryPolicy = RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(500)))
        async throws -> (Result<ModelResponse, any Error>, attempts: Int, sleeps: [Duration])
    {
        let counter = Mutex(0)
        let server = try LoopbackHTTPServer.start { _ in
            let index = counter.withLock { count in
                defer { count += 1 }
                return count
            }
            return responses[min(index, responses.count - 1)]
        }
        defer { server.stop() }
        let clock = RecordingClock()
        let service = ModelService(
            providers: ["test": OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: "k",
                                                         client: HTTPClient())],
            retryPolicy: policy, clock: clock)
        let result: Result<ModelResponse, any Error>
        do {
            result = .success(try await service.complete(ModelRequest(prompt: "x"),
                                                         model: "test/m"))
        } catch {
            result = .failure(error)
        }
        return (result, server.requests.count, clock.sleeps)
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    @Test("429 with Retry-After: 3, then 200: waits 3 s, 2 attempts")
    func retryAfterSeconds() async throws {
        let (result, attempts, sleeps) = try await call([
            Self.error(429, headers: ["Retry-After": "3"]), Self.success,
        ])
        #expect(try result.get().text == "ok")
        #expect(attempts == 2)
        #expect(sleeps == [.seconds(3)])
    }

    @Test("429 with Retry-After as an HTTP date 5 s ahead of the server's clock: waits 5 s")
    func retryAfterDate() async throws {
        let now = Date()
        let (result, attempts, sleeps) = try await call([
            Self.error(429, headers: ["Retry-After": Self.httpDate(now + 5),
                                      "Date": Self.httpDate(now)]),
            Self.success,
        ])
        #expect(throws: Never.self) { try result.get() }
        #expect(attempts == 2)
        #expect(sleeps == [.seconds(5)])
    }

    @Test("a Retry-After date in the past retries at once")
    func retryAfterPastDate() async throws {
        let (_, attempts, sleeps) = try await call([
            Self.error(429, headers: ["Retry-After": Self.httpDate(Date() - 60)]), Self.success,
        ])
        #expect(attempts == 2)
        #expect(sleeps == [.zero])
    }

    @Test("retry-after-ms wins over Retry-After")
    func retryAfterMilliseconds() async throws {
        let (_, _, sleeps) = try await call([
            Self.error(429, headers: ["retry-after-ms": "1500", "Retry-After": "2"]),
            Self.success,
        ])
        #expect(sleeps == [.milliseconds(1500)])
    }

    @Test("Retry-After: 3600 fails at once with a rate-limited error carrying 3600 s")
    func retryAfterTooLong() async throws {
        let (result, attempts, sleeps) = try await call([
            Self.error(429, headers: ["Retry-After": "3600"]), Self.success,
        ])
        let error = try #require(result.failure as? ModelError)
        #expect(error.kind == .rateLimited)
        #expect(error.retryAfter == .seconds(3600))
        #expect(attempts == 1)
        #expect(sleeps.isEmpty)
    }

    @Test("an unreadable Retry-After falls back to exponential backoff",
          arguments: ["abc", "-1"])
    func unreadableRetryAfter(value: String) async throws {
        let (_, attempts, sleeps) = try await call([
            Self.error(429, headers: ["Retry-After": value]), Self.success,
        ])
        #expect(attempts == 2)
        #expect(sleeps.count == 1)
        #expect(sleeps.allSatisfy { $0 >= .milliseconds(250) && $0 <= .milliseconds(500) })
    }

    @Test("503, 503, 200: three attempts")
    func serverErrors() async throws {
        let (result, attempts, sleeps) = try await call([
            Self.error(503), Self.error(503), Self.success,
        ])
        #expect(try result.get().text == "ok")
        #expect(attempts == 3)
        #expect(sleeps.count == 2)
    }

    @Test("400 and 401 are not retried", arguments: [400, 401])
    func clientErrors(status: Int) async throws {
        let (result, attempts, sleeps) = try await call([Self.error(status), Self.success])
        #expect((result.failure as? ModelError)?.status == status)
        #expect(attempts == 1)
        #expect(sleeps.isEmpty)
    }

    @Test("a dropped connection is retried")
    func droppedConnection() async throws {
        let (result, attempts, _) = try await call([.closeWithoutResponse, Self.success])
        #expect(try result.get().text == "ok")
        #expect(attempts == 2)
    }

    @Test("the attempts stop at the policy's maximum")
    func maximumAttempts() async throws {
        let (result, attempts, sleeps) = try await call(
            [Self.error(500)], policy: RetryPolicy(maximumAttempts: 3))
        #expect((result.failure as? ModelError)?.kind == .serverError)
        #expect(attempts == 3)
        #expect(sleeps.count == 2)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
