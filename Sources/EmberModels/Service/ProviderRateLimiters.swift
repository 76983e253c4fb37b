import Synchronization

/// The limiters one provider's calls pass through: one shared by all its models, or one
/// per model, as its limits' ``RateLimits/scope`` says.
///
/// A per-model limiter is made the first time its model is called and kept for the life
/// of the service, so that every later call to that model shares it.
final class ProviderRateLimiters: Sendable {
    /// The limits each limiter enforces.
    let limits: RateLimits
    private let shared: RateLimiter?
    private let perModel = Mutex<[String: RateLimiter]>([:])

    init(_ limits: RateLimits) {
        self.limits = limits
        shared = limits.scope == .perProvider ? RateLimiter(limits) : nil
    }

    /// The provider-wide limiter, or `nil` when each model has its own.
    var providerLimiter: RateLimiter? { shared }

    /// The limiter calls to `model` share.
    func limiter(for model: String) -> RateLimiter {
        if let shared { return shared }
        return perModel.withLock { limiters in
            if let limiter = limiters[model] { return limiter }
            let limiter = RateLimiter(limits)
            limiters[model] = limiter
            return limiter
        }
    }
}
