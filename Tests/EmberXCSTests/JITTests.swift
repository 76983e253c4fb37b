import EmberXCS
import Testing

@Suite(.timeLimit(.minutes(1))) struct JITTests {
    @Test func laterCallsRunTheIndependentCallsAtOnce() async throws {
        let probe = JITProbe()
        let function = eightDraftsThenJudge(probe: probe)
        let jitted = jit(name: "answer", function)
        let plain = try await function("Q2")

        let first = try await jitted("Q1")
        #expect(first == (0..<8).map { "d\($0)(Q1)" }.joined(separator: " | "))
        #expect(probe.gauge.peak == 1)

        // Every draft now waits until all eight are inside the operator at once: run one by
        // one, the call would never return.
        probe.requireConcurrency(8)
        let second = try await jitted("Q2")
        #expect(second == plain)
        #expect(probe.gauge.peak == 8)

        let statistics = jitted.statistics
        #expect(statistics.recordings == 1)
        #expect(statistics.reuses == 1)
        #expect(statistics.launchedCalls == 8)
        #expect(statistics.claimedCalls == 8)
        #expect(statistics.unclaimedCalls == 0)
    }

    @Test func recordsWhereEachInputCameFrom() async throws {
        let jitted = jit(eightDraftsThenJudge(probe: JITProbe()))
        _ = try await jitted("Q")
        let recording = try #require(jitted.recording)
        #expect(recording.calls.count == 9)
        #expect(recording.calls.prefix(8).allSatisfy { $0.dependencies == [.argument] })
        #expect(recording.calls.prefix(8).allSatisfy { $0.isComputableAhead })
        #expect(recording.calls[8].dependencies == (0..<8).map { .output($0) })
        #expect(!recording.calls[8].isComputableAhead)
        #expect(recording.resultSource == 8)
    }

    @Test func aChangedPathReRecordsAndCancelsTheUnclaimedCalls() async throws {
        let probe = JITProbe()
        let function = eightDraftsThenJudge(probe: probe) { $0.hasPrefix("short") ? 4 : 8 }
        let jitted = jit(function)
        _ = try await jitted("long")

        // The second run makes only the first four drafts; the other four were launched
        // and sleep until cancelled, so the run returns only if they are.
        probe.hold(["d4", "d5", "d6", "d7"])
        let short = try await jitted("short")
        #expect(short == (0..<4).map { "d\($0)(short)" }.joined(separator: " | "))
        for index in 4..<8 {
            #expect(probe.log.all.contains("d\(index) cancelled"))
        }
        #expect(jitted.statistics.rerecordings == 1)
        #expect(jitted.statistics.unclaimedCalls == 4)
        #expect(jitted.recording?.calls.count == 5)

        // Now the recording has four drafts; a long question takes the other path again.
        probe.hold([])
        let long = try await jitted("long again")
        let plainLong = try await function("long again")
        #expect(long == plainLong)
        #expect(jitted.statistics.rerecordings == 2)
        #expect(jitted.statistics.claimedCalls == 8)
        #expect(jitted.recording?.calls.count == 9)
    }

    @Test func aDependentChainStaysInOrder() async throws {
        let probe = JITProbe()
        let chain = jit(name: "chain") { (text: String) in
            let first = try await Drafter(name: "a", probe: probe)(text)
            let second = try await Drafter(name: "b", probe: probe)(first)
            return try await Drafter(name: "c", probe: probe)(second)
        }
        _ = try await chain("x")
        let recording = try #require(chain.recording)
        #expect(recording.calls.map(\.dependencies) == [[.argument], [.output(0)], [.output(1)]])

        let before = probe.log.all.count
        let result = try await chain("y")
        #expect(result == "c(b(a(y)))")
        #expect(Array(probe.log.all.dropFirst(before))
            == ["start a", "end a", "start b", "end b", "start c", "end c"])
        #expect(chain.statistics.launchedCalls == 1)
        #expect(chain.statistics.claimedCalls == 1)
        #expect(chain.statistics.reuses == 1)
    }

    @Test func cancellingTheCallerCancelsTheLaunchedCalls() async throws {
        let probe = JITProbe()
        let jitted = jit(eightDraftsThenJudge(probe: probe) { _ in 4 })
        _ = try await jitted("Q")

        probe.hold(["d0", "d1", "d2", "d3"])
        let started = probe.countArrivals(4)
        let run = Task { try await jitted("Q") }
        await started.wait()
        run.cancel()
        await #expect(throws: CancellationError.self) { try await run.value }
        for index in 0..<4 {
            #expect(probe.log.all.contains("d\(index) cancelled"))
        }
        #expect(!probe.log.all.contains { $0.hasSuffix("finished") })
        #expect(jitted.statistics.launchedCalls == 4)
    }

    @Test func callsWithNothingToLaunchAheadAreBypassed() async throws {
        let probe = JITProbe()
        let prefixed = jit { (text: String) in
            try await Drafter(name: "p", probe: probe)("Question: " + text)
        }
        _ = try await prefixed("one")
        let second = try await prefixed("two")
        #expect(second == "p(Question: two)")
        #expect(prefixed.recording?.calls.first?.dependencies == [])
        #expect(prefixed.statistics.bypasses == 1)
        #expect(prefixed.statistics.launchedCalls == 0)
    }

    @Test func operatorsThatAreNotHashableRunPlainlyUnlessIdentified() async throws {
        struct Unhashable: Operator {
            let probe: JITProbe
            func run(_ input: String) async throws -> String {
                try await probe.visit("u")
                return input.uppercased()
            }
        }
        let probe = JITProbe()
        let step = Unhashable(probe: probe)
        let plain = jit { (text: String) in
            [try await step(text), try await step(text)].joined()
        }
        _ = try await plain("a")
        _ = try await plain("b")
        #expect(plain.statistics.bypasses == 1)
        #expect(plain.recording?.calls.allSatisfy { !$0.isComputableAhead } == true)

        let identified = step.identified(by: "step v1")
        let keyed = jit { (text: String) in
            [try await identified(text), try await identified(text)].joined()
        }
        _ = try await keyed("a")
        probe.requireConcurrency(2)
        let result = try await keyed("b")
        #expect(result == "BB")
        #expect(probe.gauge.peak == 2)
        #expect(keyed.statistics.reuses == 1)
        #expect(keyed.statistics.claimedCalls == 2)
    }

    @Test func aJittedOperatorRecordsTheCallsItsRunMakes() async throws {
        let probe = JITProbe()
        let drafts = FunctionOperator("drafts", eightDraftsThenJudge(probe: probe) { _ in 2 })
        let jitted = jit(drafts)
        _ = try await jitted("x")
        probe.requireConcurrency(2)
        let result = try await jitted("y")
        #expect(result == "d0(y) | d1(y)")
        #expect(probe.gauge.peak == 2)
        #expect(jitted.descriptor.name == "jit(drafts)")
    }

    @Test func theRecordingPrintsAsAGraph() async throws {
        let jitted = jit(eightDraftsThenJudge(probe: JITProbe()) { _ in 2 })
        _ = try await jitted("Q")
        let graph = try #require(jitted.recording).graph()
        #expect(graph.nodeIDs == ["call1", "call2", "call3"])
        #expect(graph.outputNames == ["result"])
        let dot = graph.dot()
        #expect(dot.contains("\"input:argument\" -> \"call1\";"))
        #expect(dot.contains("\"input:argument\" -> \"call2\";"))
        #expect(dot.contains("\"call1\" -> \"call3\";"))
        #expect(dot.contains("\"call2\" -> \"call3\";"))
        #expect(dot.contains("\"call3\" -> \"output:result\";"))
        #expect(graph.mermaid().contains("input_argument --> node_call1"))
    }

    @Test func theGraphRunsTheCallsItCanRecompute() async throws {
        let probe = JITProbe()
        let chain = jit { (text: String) in
            let first = try await Drafter(name: "a", probe: probe)(text)
            return try await Drafter(name: "b", probe: probe)(first)
        }
        _ = try await chain("x")
        let graph = try #require(chain.recording).graph()
        let run = try await DataflowScheduler().run(graph, inputs: ["argument": "z"])
        #expect(run.outputs["result"] as? String == "b(a(z))")

        let judged = jit(eightDraftsThenJudge(probe: probe) { _ in 2 })
        _ = try await judged("Q")
        let judgeGraph = try #require(judged.recording).graph()
        let error = await #expect(throws: NodeFailure.self) {
            try await DataflowScheduler().run(judgeGraph, inputs: ["argument": "Q"])
        }
        #expect(error?.nodeID == "call3")
        #expect(error?.underlying is JITError)
    }
}
