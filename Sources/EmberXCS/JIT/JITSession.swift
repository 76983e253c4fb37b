import Synchronization

/// One run of a jitted function: observes every operator call it makes and hands calls the
/// results launched ahead for them.
///
/// The session is bound to the task-local ``current`` while the function runs, and
/// `Operator.callAsFunction` sends each call to ``intercept(_:input:)``. The operator itself
/// runs with no session bound, so only the function's own calls are seen, not the calls an
/// operator makes inside.
final class JITSession: Sendable {
    /// The session of the jitted function the current task is running, if any.
    @TaskLocal static var current: JITSession?

    /// What identifies a call a launched result can be handed to.
    struct CallKey: Hashable, Sendable {
        var operatorKey: HashKey
        var input: HashKey
    }

    private struct State {
        var observations: [JITObservation] = []
        var offers: [CallKey: [LaunchedCall]] = [:]
        var claimed = 0
    }

    private let state = Mutex(State())

    /// Offers `call` to the first call of an operator equal to the key's with an equal input.
    func offer(_ call: LaunchedCall, for key: CallKey) {
        state.withLock { $0.offers[key, default: []].append(call) }
    }

    /// How many offered results a call has taken.
    var claimedCount: Int {
        state.withLock { $0.claimed }
    }

    /// The calls observed so far, in the order they were made.
    var observations: [JITObservation] {
        state.withLock { $0.observations }
    }

    /// Runs one operator call of the function: hands it a launched result when one was
    /// offered for an equal operator and input, and runs it plainly otherwise.
    func intercept<Op: Operator>(_ op: Op, input: Op.Input) async throws -> Op.Output {
        let identity = OperatorIdentity(op)
        let key = identity.key.flatMap { operatorKey in
            HashKey(input).map { CallKey(operatorKey: operatorKey, input: $0) }
        }
        let observation = JITObservation(identity: identity, input: input,
                                         work: OperatorWork(op))
        let (index, offered) = state.withLock { state -> (Int, LaunchedCall?) in
            state.observations.append(observation)
            let index = state.observations.count - 1
            guard let key, var queue = state.offers[key], !queue.isEmpty else {
                return (index, nil)
            }
            let offered = queue.removeFirst()
            state.offers[key] = queue
            state.claimed += 1
            return (index, offered)
        }
        let output: Op.Output
        if let offered, let value = try await offered.value() as? Op.Output {
            output = value
        } else {
            output = try await Self.$current.withValue(nil) { try await op(input) }
        }
        state.withLock { $0.observations[index].output = output }
        return output
    }
}

/// One operator call a session saw.
struct JITObservation: Sendable {
    var identity: OperatorIdentity
    var input: any Sendable
    var work: OperatorWork
    /// The output, once the call has returned; `nil` while it runs or when it threw.
    var output: (any Sendable)?
}
