import Foundation

/// What the log line of one model call is made from, gathered while the call runs.
struct ModelCallLogEntry: Sendable {
    /// The model called.
    var model: ModelID
    /// Whether the reply was streamed.
    var isStreaming: Bool
    /// When the call began, before any rate-limit wait.
    var started = ContinuousClock.now
    /// The attempts sent so far, the first included.
    var attempts = 0
}

extension ModelService {
    /// Writes the one debug line of a finished call: its model, status (`ok`, or the error's
    /// kind), latency, tokens, cost, attempts and whether the response cache answered it.
    ///
    /// Only counts, names and kinds are written, never the prompt, the reply or an error's
    /// message (a provider's message may quote the prompt back).
    func logCall(_ call: ModelCallLogEntry, result: Result<ModelResponse?, any Error>,
                 cacheHit: Bool = false) {
        logger.debug("model call", metadata: Self.callMetadata(call, result: result,
                                                               cacheHit: cacheHit,
                                                               usage: usage))
    }

    private static func callMetadata(_ call: ModelCallLogEntry,
                                     result: Result<ModelResponse?, any Error>,
                                     cacheHit: Bool, usage: UsageService) -> LogMetadata {
        let latency = ContinuousClock.now - call.started
        var metadata: LogMetadata = [
            "model.id": call.model.description,
            "call.streaming": String(call.isStreaming),
            "call.attempts": String(call.attempts),
            "call.latency_seconds": String(format: "%.3f", latency.seconds),
            "call.cache_hit": String(cacheHit),
        ]
        if let scope = UsageService.currentScope { metadata["call.scope"] = scope }
        switch result {
        case .success(let response):
            metadata["call.status"] = "ok"
            if let tokens = response?.usage {
                metadata["usage.input_tokens"] = String(tokens.inputTokens)
                metadata["usage.output_tokens"] = String(tokens.outputTokens)
            }
            if let cost = usage.cost(of: response?.usage, model: call.model) {
                metadata["usage.cost_usd"] = "\(cost)"
            }
            if let requestID = response?.requestID { metadata["call.request_id"] = requestID }
        case .failure(let error):
            metadata["call.status"] = status(of: error)
            if let status = (error as? ModelError)?.status {
                metadata["call.http_status"] = String(status)
            }
        }
        return metadata
    }

    /// Writes a trace line for a back-off before another attempt.
    func logRetry(model: ModelID, attempt: Int, error: any Error, delay: Duration) {
        logger.trace("retrying model call", metadata: [
            "model.id": model.description,
            "retry.failed_attempt": String(attempt),
            "retry.error": Self.status(of: error),
            "retry.delay_seconds": String(format: "%.3f", delay.seconds),
        ])
    }

    /// Writes a trace line for a rate-limit wait that lasted a millisecond or more.
    static func logRateLimitWait(since start: ContinuousClock.Instant, model: ModelID,
                                 logger: Logger) {
        let waited = ContinuousClock.now - start
        guard waited >= .milliseconds(1) else { return }
        logger.trace("waited on rate limit", metadata: [
            "model.id": model.description,
            "rate_limit.wait_seconds": String(format: "%.3f", waited.seconds),
        ])
    }

    /// A call's status as one word: the kind of a ``ModelError`` (`rate_limited`), of an
    /// ``HTTPClientError`` (`connection_failed`, `timeout`), `cancelled`, or `error`.
    static func status(of error: any Error) -> String {
        switch error {
        case let error as ModelError:
            error.kind.rawValue.replacingOccurrences(of: " ", with: "_")
        case let error as HTTPClientError:
            error.isConnectionFailure ? "connection_failed"
                : error.isTimeout ? "timeout" : "transport_error"
        case is CancellationError:
            "cancelled"
        default:
            "error"
        }
    }
}
