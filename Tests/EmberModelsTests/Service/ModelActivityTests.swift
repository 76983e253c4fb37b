import EmberTestSupport
import Foundation
import Synchronization
import Testing
import EmberModels

@Suite("Model activity gauges", .timeLimit(.minutes(1)))
struct ModelActivityTests {
    @Test("a call backing off shows as waiting on a retry, then in flight, then as done")
    func gaugesFollowACall() async throws {
        let requests = Mutex(0)
        let release = Mutex(false)
        let server = try LoopbackHTTPServer.start { _ in
            let index = requests.withLock { count in
                defer { count += 1 }
                return count
            }
            if index == 0 {
                return .respond(status: 503, headers: ["Retry-After": "1"],
                                body: Data(#"{"error":{"message":"busy"}}"#.utf8))
            }
            while !release.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.01) }
            return .json(#"{"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}]}"#)
        }
        defer { server.stop() }
        let service = ModelService(
            providers: ["test": OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: "k",
                                                         client: HTTPClient())],
            retryPolicy: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(10)))
        let call = Task { try await service.complete(ModelRequest(prompt: "x"), model: "test/m") }

        try await waitUntil { service.activity.snapshot.waitingOnRetry == 1 }
        let backingOff = service.activity.snapshot
        #expect(backingOff.inFlight == 0)
        #expect(backingOff.retries == 1)
        // The wait left is the server's Retry-After at most; how much of it remains when the
        // snapshot is taken depends on the machine's load, so it is not asserted.
        let waitLeft = try #require(backingOff.longestRetryWait)
        #expect(waitLeft <= .seconds(1))

        try await waitUntil { service.activity.snapshot.inFlight == 1 }
        #expect(service.activity.snapshot.waitingOnRetry == 0)
        release.withLock { $0 = true }
        #expect(try await call.value.text == "ok")
        let done = service.activity.snapshot
        #expect(done.inFlight == 0 && done.waitingOnRetry == 0 && done.waitingOnRateLimit == 0)
    }
}
