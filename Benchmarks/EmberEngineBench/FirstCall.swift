import EmberModels
import EmberXCS

/// A first call's parts, in µs per node: build the graph, compile it, run the plan once.
struct FirstCall {
    var build: Double
    var compile: Double
    var run: Double

    var total: Double { build + compile + run }
}

/// Makes `runs` new graphs of one shape and size and times each one's first call.
///
/// Nothing else happens between the calls (no second run, no memory reading), so the
/// median of many runs is the first call of a process that keeps building graphs of that
/// size: what the allocator costs then is in it, its first growth at a new size is not.
func measureFirstCalls(shape: GraphShape, kind: SchedulerKind, nodes: Int, runs: Int)
    async throws -> [FirstCall] {
    var calls: [FirstCall] = []
    calls.reserveCapacity(runs)
    for _ in 0..<runs {
        calls.append(try await firstCall(shape: shape, kind: kind, nodes: nodes).call)
    }
    return calls
}

/// Builds a new graph, compiles it and runs it once with a new scheduler, timing each part;
/// returns the plan and the scheduler too, for a later run.
func firstCall(shape: GraphShape, kind: SchedulerKind, nodes: Int)
    async throws -> (call: FirstCall, plan: ExecutionPlan, scheduler: any Scheduler) {
    let scheduler = kind.make()
    var graph: Graph?
    var plan: ExecutionPlan?
    let build = await measure { graph = shape.graph(nodes: nodes) }
    let compile = try await measure { plan = try graph!.compile() }
    let run = try await measure {
        _ = try await scheduler.run(plan!, inputs: ["x": 0])
    }
    let perNode = { (duration: Duration) in duration.seconds * 1e6 / Double(nodes) }
    let call = FirstCall(build: perNode(build), compile: perNode(compile), run: perNode(run))
    return (call, plan!, scheduler)
}
