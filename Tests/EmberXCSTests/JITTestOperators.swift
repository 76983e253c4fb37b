import EmberXCS
import Synchronization

/// What the test operators share: a log of what they did, a gauge of how many run at once,
/// and what to hold.
final class JITProbe: Sendable {
    let log = EventLog()
    let gauge = ConcurrencyGauge()
    private let settings = Mutex<(barrier: Barrier?, held: Set<String>, arrivals: Barrier?)>(
        (nil, [], nil))

    /// Makes every later call wait until `count` calls are inside the operator at once.
    func requireConcurrency(_ count: Int) {
        settings.withLock { $0.barrier = Barrier(count: count) }
    }

    /// Makes the calls of the operators named `names` sleep until they are cancelled.
    func hold(_ names: Set<String>) {
        settings.withLock { $0.held = names }
    }

    /// A barrier each later call arrives at when it starts, for the test to wait on.
    func countArrivals(_ count: Int) -> Barrier {
        let barrier = Barrier(count: count)
        settings.withLock { $0.arrivals = barrier }
        return barrier
    }

    func visit(_ name: String) async throws {
        let (barrier, held, arrivals) = settings.withLock { $0 }
        log.append("start \(name)")
        gauge.enter()
        defer { gauge.leave() }
        arrivals?.arrive()
        if held.contains(name) { try await sleepUntilCancelled(name, log: log) }
        await barrier?.arriveAndWait()
        log.append("end \(name)")
    }
}

/// A model stand-in: answers `name(input)` after visiting its probe. Hashable by name and
/// probe, so the JIT can match its calls.
struct Drafter: Operator, Hashable {
    let name: String
    let probe: JITProbe

    func run(_ input: String) async throws -> String {
        try await probe.visit(name)
        return "\(name)(\(input))"
    }

    static func == (left: Drafter, right: Drafter) -> Bool {
        left.name == right.name && left.probe === right.probe
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(ObjectIdentifier(probe))
    }
}

/// Joins the drafts it is given.
struct Joiner: Operator, Hashable {
    func run(_ input: [String]) async throws -> String {
        input.joined(separator: " | ")
    }
}

/// The example: eight drafts (or `draftCount(question)`), one after another, each on
/// the question, then a judge over all of them.
func eightDraftsThenJudge(
    probe: JITProbe,
    draftCount: (@Sendable (String) -> Int)? = nil
) -> @Sendable (String) async throws -> String {
    { question in
        var drafts: [String] = []
        for index in 0..<(draftCount?(question) ?? 8) {
            drafts.append(try await Drafter(name: "d\(index)", probe: probe)(question))
        }
        return try await Joiner()(drafts)
    }
}
