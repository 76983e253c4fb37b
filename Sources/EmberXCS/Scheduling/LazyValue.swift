import Synchronization

/// A value computed the first time it is read, then kept.
///
/// A class, so that copies of the struct holding it share one computation; lock-guarded, so
/// that readers on several tasks compute it once. ``GraphRun`` uses it to build per-node
/// dictionaries and the trace only when someone reads them, which keeps a run of many
/// trivial nodes cheap.
final class LazyValue<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let cache: Mutex<Value?>

    /// A value computed by `make` on first read.
    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
        cache = Mutex(nil)
    }

    /// A value known already.
    init(value: Value) {
        make = { value }
        cache = Mutex(value)
    }

    var value: Value {
        cache.withLock { cached in
            if let cached { return cached }
            let value = make()
            cached = value
            return value
        }
    }
}
