import Synchronization

/// The shared state of one dataflow run: the run's bookkeeping, the queue of ready nodes and
/// the worker count, behind one lock.
///
/// Workers are child tasks that each run one node at a time: when a node finishes, its worker
/// records the result, releases the successors and takes the next ready node itself, so a
/// chain or a bounded fan-out runs on a handful of tasks however many nodes it has. The
/// scheduler's own task is woken only to start more workers, when more nodes are ready than
/// workers are there to take them (and the bound allows), to cancel everything, or to finish.
///
/// The scheduler's task only counts and starts workers; a new worker takes its first node
/// itself, and builds that node's inputs on its own thread. So starting a thousand waiting
/// nodes costs the scheduler little more than creating a thousand tasks, and a worker's task
/// captures nothing but the coordinator.
///
/// Every method that changes state runs inside the lock and returns what to do; resuming the
/// scheduler's continuation happens after the lock is released.
final class DataflowCoordinator: Sendable {
    /// What the scheduler's task does next.
    enum Action: Sendable {
        /// Start this many workers; each takes a ready node when it begins.
        case launch(workers: Int)
        /// Cancel every running worker; the run is stopping.
        case stop
        /// No worker is running and nothing is left to start.
        case finish
    }

    /// A node a worker is about to run.
    struct Job: Sendable {
        var position: Int
        var inputs: NodeInputs
    }

    private struct State {
        var run: RunState
        var ready: [Int]
        var nextReady = 0
        /// Workers started and not yet ended, including those yet to take a first node.
        var workers = 0
        /// Workers started that have not yet taken a first node.
        var unstarted = 0
        var isStopping = false
        var hasSentStop = false
        /// The suspended scheduler. An unsafe continuation, whose layout is known at compile
        /// time, keeps this state a plain struct; it is taken out under the lock before it is
        /// resumed, so it is resumed once.
        var waitingScheduler: UnsafeContinuation<Action, Never>?
    }

    private let state: Mutex<State>
    private let limit: Int
    /// The most workers the scheduler starts between two looks at the state.
    private static let launchBatch = 16
    /// The plan being run; the run state holds it too, but behind the lock, and workers read
    /// a node's operation and id from here without taking it.
    let plan: ExecutionPlan
    /// Where the run's nodes attach annotations; shared, and locked separately.
    let annotations: AnnotationStore

    init(run: RunState, maximumConcurrency: Int?) {
        var ready = run.plan.sourcePositions
        ready.reserveCapacity(run.plan.nodeCount)
        plan = run.plan
        annotations = run.annotations
        state = Mutex(State(run: run, ready: ready))
        limit = maximumConcurrency ?? Int.max
    }

    /// The run's bookkeeping, for the results once every worker has stopped.
    var run: RunState {
        state.withLock { $0.run }
    }

    /// Suspends the scheduler's task until it has something to do.
    ///
    /// Cancelling the scheduler's task stops the run: the scheduler is told to cancel its
    /// workers, and then to finish once they have stopped.
    func nextAction() async -> Action {
        // Without suspending when there is work already: each suspension would requeue the
        // scheduler's task behind the workers it has just started, staggering their starts.
        if !Task.isCancelled,
           let action = state.withLock({ Self.schedulerAction(&$0, limit: limit) }) {
            return action
        }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Action, Never>) in
                let action: Action? = state.withLock { state in
                    if let action = Self.schedulerAction(&state, limit: limit) { return action }
                    state.waitingScheduler = continuation
                    return nil
                }
                if let action { continuation.resume(returning: action) }
            }
        } onCancel: {
            let (continuation, action) = state.withLock { state in
                state.isStopping = true
                return Self.wakeScheduler(&state, limit: limit)
            }
            if let continuation, let action { continuation.resume(returning: action) }
        }
    }

    /// Hands a worker that has just begun its first node, or `nil` when another worker took
    /// it first or the run is stopping, and the worker should end.
    func start() -> Job? {
        handOut { $0.unstarted -= 1 }
    }

    /// Runs a worker's node, outside the lock.
    @inline(__always)
    func perform(_ job: Job) async -> NodeCompletion {
        await NodeCompletion.run(job.position, of: plan, inputs: job.inputs,
                                 annotations: annotations)
    }

    /// Records how a worker's node ended and hands the worker its next node, or `nil` when
    /// the worker should end.
    func complete(_ completion: NodeCompletion) -> Job? {
        handOut { state in
            if state.run.record(completion) || Task.isCancelled {
                state.isStopping = true
            } else if !state.isStopping {
                state.run.release(completion.position, into: &state.ready)
            }
        }
    }

    /// Applies `change` and hands a worker the next ready node, in one hold of the lock;
    /// with none, the worker is counted out. Wakes the scheduler after the lock is
    /// released, if it was waiting and now has something to do.
    @inline(__always)
    private func handOut(after change: (inout State) -> Void) -> Job? {
        let (job, continuation, action) = state.withLock { state in
            change(&state)
            let job = Self.nextJob(&state)
            if job == nil { state.workers -= 1 }
            let (continuation, action) = Self.wakeScheduler(&state, limit: limit)
            return (job, continuation, action)
        }
        if let continuation, let action { continuation.resume(returning: action) }
        return job
    }

    /// What the scheduler should do now, or `nil` when it should wait.
    private static func schedulerAction(_ state: inout State, limit: Int) -> Action? {
        if state.isStopping, !state.hasSentStop {
            state.hasSentStop = true
            return .stop
        }
        // Ready nodes that no worker is yet on its way to take. A few workers at a time, so
        // that a burst of quick nodes the running workers take themselves is seen before
        // more workers are started for them.
        let untaken = state.ready.count - state.nextReady - state.unstarted
        if !state.isStopping, untaken > 0, state.workers < limit {
            let count = min(untaken, limit - state.workers, Self.launchBatch)
            state.workers += count
            state.unstarted += count
            return .launch(workers: count)
        }
        if state.workers == 0 { return .finish }
        return nil
    }

    /// The waiting scheduler and what to wake it with, when it is waiting and has work.
    private static func wakeScheduler(
        _ state: inout State,
        limit: Int
    ) -> (UnsafeContinuation<Action, Never>?, Action?) {
        guard let waiting = state.waitingScheduler,
              let action = schedulerAction(&state, limit: limit)
        else { return (nil, nil) }
        state.waitingScheduler = nil
        return (waiting, action)
    }

    /// Takes the next ready node whose inputs can be built; a node whose inputs cannot is
    /// recorded as failed on the spot.
    private static func nextJob(_ state: inout State) -> Job? {
        while !state.isStopping, state.nextReady < state.ready.count {
            let position = state.ready[state.nextReady]
            state.nextReady += 1
            switch state.run.inputs(for: position) {
            case .success(let inputs):
                return Job(position: position, inputs: inputs)
            case .failure(let error):
                if state.run.record(.failure(error, position: position)) {
                    state.isStopping = true
                } else {
                    state.run.release(position, into: &state.ready)
                }
            }
        }
        return nil
    }
}
