import EmberXCS

/// A test model: answers after a fixed wait, standing for a provider's latency. Hashable, so
/// the JIT can match its calls.
struct WaitingDrafter: Operator, Hashable {
    let name: String
    let latency: Duration

    func run(_ input: String) async throws -> String {
        try await Task.sleep(for: latency)
        return "\(name): \(input.count)"
    }
}

/// A judge over the drafts that waits as long as a draft does.
struct WaitingJudge: Operator, Hashable {
    let latency: Duration

    func run(_ input: [String]) async throws -> String {
        try await Task.sleep(for: latency)
        return input.joined(separator: "; ")
    }
}

/// The JIT example: `draftCount` drafts asked for one after another, each on the
/// question, then a judge over them.
func draftsThenJudge(draftCount: Int, latency: Duration)
    -> @Sendable (String) async throws -> String {
    let drafters = (0..<draftCount).map { WaitingDrafter(name: "d\($0)", latency: latency) }
    let judge = WaitingJudge(latency: latency)
    return { question in
        var drafts: [String] = []
        for drafter in drafters {
            drafts.append(try await drafter(question))
        }
        return try await judge(drafts)
    }
}

/// The walls of one JIT measurement, in model latencies.
struct JITMeasurement {
    var plain: Double
    var first: Double
    var second: Double
}

/// Runs the example plainly, then jitted twice (a fresh JIT each time), and checks that the
/// three results agree.
func measureJIT(latency: Duration) async throws -> JITMeasurement {
    let function = draftsThenJudge(draftCount: 8, latency: latency)
    var results: [String] = []
    let plain = try await measure { results.append(try await function("Q")) }
    let jitted = jit(name: "drafts then judge", function)
    let first = try await measure { results.append(try await jitted("Q")) }
    let second = try await measure { results.append(try await jitted("Q")) }
    precondition(Set(results).count == 1, "the jitted results differ from the plain one")
    precondition(jitted.statistics.claimedCalls == 8, "the JIT did not launch the 8 drafts")
    return JITMeasurement(plain: plain / latency, first: first / latency,
                          second: second / latency)
}

/// An operator that answers at once, so that only the JIT's own work is timed.
struct Echo: Operator, Hashable {
    let index: Int

    func run(_ input: Int) async throws -> Int { input + index }
}

/// Microseconds per operator call of a function making `count` calls of distinct trivial
/// operators on its argument: plainly, on a jitted first run, and on a jitted later run
/// (which launches all of them ahead).
func measureJITOverhead(calls count: Int) async throws -> JITMeasurement {
    let operators = (0..<count).map(Echo.init)
    let function: @Sendable (Int) async throws -> Int = { argument in
        var total = 0
        for op in operators { total &+= try await op(argument) }
        return total
    }
    let plain = try await measure { _ = try await function(1) }
    let jitted = jit(name: "trivial calls", function)
    let first = try await measure { _ = try await jitted(1) }
    let second = try await measure { _ = try await jitted(1) }
    precondition(jitted.statistics.claimedCalls == count, "the JIT did not launch every call")
    let perCall = { (wall: Duration) in wall / .microseconds(1) / Double(count) }
    return JITMeasurement(plain: perCall(plain), first: perCall(first), second: perCall(second))
}
