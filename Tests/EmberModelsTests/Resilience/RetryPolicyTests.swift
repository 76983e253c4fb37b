import Foundation
import Testing
@testable import EmberModels

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(500))
    var random = SystemRandomNumberGenerator()

    func status(_ code: Int, retryAfter: Duration? = nil) -> ModelError {
        .httpStatus(code, url: "u", message: "m", retryAfter: retryAfter)
    }

    @Test("a server-requested delay is honoured exactly")
    mutating func honoursRetryAfter() {
        #expect(policy.decision(afterAttempt: 1, error: status(429, retryAfter: .seconds(3)),
                                using: &random) == .retry(after: .seconds(3)))
    }

    @Test("a requested delay over the maximum gives up at once")
    mutating func tooLong() {
        #expect(policy.decision(afterAttempt: 1, error: status(429, retryAfter: .seconds(3600)),
                                using: &random) == .giveUp)
    }

    @Test("without a requested delay the backoff doubles, with jitter in its upper half")
    mutating func exponentialBackoff() throws {
        for (attempt, step) in [(1, 0.5), (2, 1.0), (3, 2.0)] {
            for _ in 0..<50 {
                let decision = policy.decision(afterAttempt: attempt, error: status(503),
                                               using: &random)
                guard case .retry(let delay) = decision else {
                    Issue.record("attempt \(attempt) was not retried")
                    return
                }
                #expect(delay >= .seconds(step / 2) && delay <= .seconds(step))
            }
        }
    }

    @Test("the backoff is capped")
    mutating func cappedBackoff() {
        let policy = RetryPolicy(maximumAttempts: 40, baseDelay: .seconds(1),
                                 maximumBackoff: .seconds(4))
        guard case .retry(let delay) = policy.decision(afterAttempt: 30, error: status(500),
                                                       using: &random)
        else { Issue.record("not retried"); return }
        #expect(delay <= .seconds(4))
    }

    @Test("client errors are not retried", arguments: [400, 401, 403, 404, 422])
    mutating func clientErrors(code: Int) {
        #expect(policy.decision(afterAttempt: 1, error: status(code), using: &random) == .giveUp)
    }

    @Test("server errors, timeouts and dropped connections are retried")
    mutating func transientErrors() {
        let errors: [any Error] = [
            status(500), status(502), status(503), status(529), status(408),
            HTTPClientError.transport(url: "u", detail: "Connection reset by peer"),
            HTTPClientError.timedOut(url: "u", detail: "t"),
            HTTPClientError.connectionFailed(url: "u", detail: "refused"),
            ModelError.truncatedStream(url: "u", partialText: ""),
        ]
        for error in errors {
            guard case .retry = policy.decision(afterAttempt: 1, error: error, using: &random)
            else { Issue.record("\(error) was not retried"); continue }
        }
    }

    @Test("the last attempt is not followed by another")
    mutating func lastAttempt() {
        #expect(policy.decision(afterAttempt: 4, error: status(503), using: &random) == .giveUp)
    }

    @Test("Retry-After and retry-after-ms are read as RFC 9110 and the providers define them")
    func parsing() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func delay(_ header: String?, milliseconds: String? = nil) -> Duration? {
            RetryAfter.delay(retryAfter: header, retryAfterMilliseconds: milliseconds, now: now)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(delay("3") == .seconds(3))
        #expect(delay(formatter.string(from: now + 5)) == .seconds(5))
        #expect(delay(formatter.string(from: now - 30)) == .zero)
        #expect(delay("2", milliseconds: "1500") == .milliseconds(1500))
        #expect(delay("abc") == nil)
        #expect(delay("-1") == nil)
        #expect(delay(nil) == nil)
        #expect(delay("Sunday, 06-Nov-94 08:49:37 GMT") == .zero)
    }
}
