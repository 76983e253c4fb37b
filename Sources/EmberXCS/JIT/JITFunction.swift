import Synchronization

/// A function that calls operators, made faster on later runs by launching ahead the calls
/// its recording shows need only its argument.
///
/// Make one with ``jit(name:_:)`` or ``jit(_:)``. The first run runs the function plainly and
/// records every operator call it makes (which operator, on what, with what result) and, where
/// values tell, which earlier values each input came from (``JITDependency``). Each later run:
///
/// 1. launches, concurrently, every recorded call whose input was the argument
///    (``JITRecording/Call/isComputableAhead``), on the new argument;
/// 2. runs the function again; each operator call it makes takes a launched result when its
///    operator and input equal the launched call's, and runs plainly otherwise, so calls that
///    depend on earlier outputs still run in the function's order, when it reaches them;
/// 3. cancels, when the function returns or throws, the launched calls no call took.
///
/// So eight drafts the code asks for one after another on the question run at once, and the
/// judge over them after them. Every result the function sees is the output of an equal
/// operator on an equal input, so results equal plain execution's by construction (a
/// sampling model gives a fresh sample either way). If the run takes another path (other
/// operators, another order, inputs from other sources), the JIT notices and that run's path
/// becomes the recording; ``statistics`` count every case.
///
/// Requirements: the argument is `Hashable`. A call can be launched ahead and matched only
/// when its operator's type and its input's type are `Hashable` (the operator compared as a
/// value; wrap one that is not with ``Operator/identified(by:)``); other calls always run
/// plainly. Calls the function makes concurrently itself (with `async let`, say) may come in
/// another order each run, which counts as a changed path.
///
/// Cancelling the task that runs the function cancels every launched call; nothing launched
/// keeps running after a run returns or throws. Runs may overlap; each uses the recording
/// that was current when it started.
public final class JITFunction<Input: Hashable & Sendable, Output: Sendable>: Operator {
    private struct State {
        var recording: JITRecording?
        var statistics = JITStatistics()
    }

    private let name: String
    private let body: @Sendable (Input) async throws -> Output
    private let state = Mutex(State())

    /// Creates a jitted function named `name` that runs `body`.
    public init(name: String, _ body: @escaping @Sendable (Input) async throws -> Output) {
        self.name = name
        self.body = body
    }

    /// The counts of this function's runs and launched calls so far.
    public var statistics: JITStatistics {
        state.withLock { $0.statistics }
    }

    /// The path the next run will follow, or `nil` before the first run has returned.
    public var recording: JITRecording? {
        state.withLock { $0.recording }
    }

    /// `jit(<name>)`, with the argument's and the result's types.
    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "jit(\(name))", input: String(describing: Input.self),
                           output: String(describing: Output.self))
    }

    /// Runs the function once, launching ahead what the recording allows.
    ///
    /// - Throws: Whatever the function throws; a run that throws leaves the recording as it
    ///   was. `CancellationError` when the calling task is cancelled.
    public func run(_ input: Input) async throws -> Output {
        let recording = self.recording
        let launches = recording.map { Self.launches(in: $0, argument: input) } ?? []
        let session = JITSession()
        let result: Output
        do {
            result = try await withThrowingDiscardingTaskGroup { group in
                for (key, work) in launches {
                    let launched = LaunchedCall()
                    session.offer(launched, for: key)
                    group.addTask { await launched.run(work) }
                }
                defer { group.cancelAll() }
                return try await JITSession.$current.withValue(session) {
                    try await body(input)
                }
            }
        } catch {
            count(launched: launches.count, claimed: session.claimedCount)
            throw error
        }
        let observed = JITRecording(observations: session.observations, argument: input,
                                    result: result)
        count(launched: launches.count, claimed: session.claimedCount)
        state.withLock { state in
            guard let recording else {
                state.recording = observed
                state.statistics.recordings += 1
                return
            }
            if observed.path != recording.path {
                state.recording = observed
                state.statistics.rerecordings += 1
            } else if launches.isEmpty {
                state.statistics.bypasses += 1
            } else {
                state.statistics.reuses += 1
            }
        }
        return result
    }

    /// The recorded calls to launch on `argument`, each with the key a call must match.
    private static func launches(in recording: JITRecording, argument: Input)
        -> [(JITSession.CallKey, @Sendable () async throws -> any Sendable)] {
        guard let input = HashKey(argument) else { return [] }
        return recording.calls.compactMap { call in
            guard call.isComputableAhead, let operatorKey = call.identity.key,
                  let work = call.work.call(on: argument) else { return nil }
            return (JITSession.CallKey(operatorKey: operatorKey, input: input), work)
        }
    }

    private func count(launched: Int, claimed: Int) {
        state.withLock { state in
            state.statistics.launchedCalls += launched
            state.statistics.claimedCalls += claimed
            state.statistics.unclaimedCalls += launched - claimed
        }
    }
}

/// Wraps a function that calls operators so that later runs launch ahead, concurrently, the
/// calls that need only its argument. See ``JITFunction``.
///
/// ```swift
/// let answer = jit(name: "answer") { (question: String) in
///     var drafts: [String] = []
///     for drafter in drafters { drafts.append(try await drafter(question)) }
///     return try await judge(drafts)
/// }
/// _ = try await answer("What is 12 × 7?")   // records: the drafts run one by one
/// _ = try await answer("What is 13 × 7?")   // the drafts run at once, then the judge
/// ```
///
/// - Parameters:
///   - name: The name in the function's descriptor and diagrams.
///   - body: The function; it must call operators through `callAsFunction`
///     (`try await op(input)`) for the JIT to see them.
public func jit<Input: Hashable & Sendable, Output: Sendable>(
    name: String = "function",
    _ body: @escaping @Sendable (Input) async throws -> Output
) -> JITFunction<Input, Output> {
    JITFunction(name: name, body)
}

/// Wraps an operator that calls other operators (a hand-written ``Operator/run(_:)`` making
/// several calls) so that later runs launch ahead the inner calls that need only its input.
///
/// The JIT records the calls the operator's `run` makes through `callAsFunction`; see
/// ``JITFunction``.
public func jit<Op: Operator>(_ op: Op) -> JITFunction<Op.Input, Op.Output>
where Op.Input: Hashable {
    JITFunction(name: op.descriptor.name) { input in try await op.run(input) }
}
