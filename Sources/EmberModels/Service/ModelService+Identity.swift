extension ModelService {
    /// Which configuration of a service a value is: equal for copies of one service that
    /// neither has changed since, different otherwise.
    ///
    /// A service is a value, so two copies behave alike until one is changed. Each service
    /// starts with an identity of its own, and any change to a copy (registering a provider,
    /// setting ``ModelService/retryPolicy``, ``ModelService/budget``,
    /// ``ModelService/responseCache`` or ``ModelService/logger``) gives that copy a new one.
    /// Two services with equal identities therefore send a request the same way; two built
    /// alike but separately are still told apart. Model-backed operators compare their
    /// services by it.
    public struct Identity: Hashable, Sendable {
        /// The object whose address names the configuration; holding it keeps the address
        /// from being reused while the identity exists.
        private final class Token: Sendable {}

        private let token = Token()

        /// A fresh identity, equal to no other.
        init() {}

        public static func == (left: Identity, right: Identity) -> Bool {
            left.token === right.token
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(ObjectIdentifier(token))
        }
    }
}
