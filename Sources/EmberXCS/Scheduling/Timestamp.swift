/// A reading of the continuous clock, kept as the time since a fixed origin.
///
/// `ContinuousClock.Instant` is resilient: its size is known only at run time, so a struct
/// that stores one is copied, moved and destroyed through runtime witnesses, and so is an
/// array of them. The schedulers take two readings per node and move them through a
/// completion and a record; a `Duration`, whose layout is fixed, keeps those structs plain.
/// Readings become instants only when a trace is built.
struct Timestamp: Sendable {
    /// The instant every timestamp counts from, read once per process.
    private static let origin = ContinuousClock.now

    private var sinceOrigin: Duration

    /// The clock's current reading.
    static var now: Timestamp {
        Timestamp(sinceOrigin: ContinuousClock.now - origin)
    }

    /// The reading as an instant of the continuous clock.
    var instant: ContinuousClock.Instant {
        Self.origin + sinceOrigin
    }
}
