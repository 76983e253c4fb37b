import EmberXCS
import Testing

@Suite(.timeLimit(.minutes(1))) struct ErrorPolicyTests {
    /// `boom` throws once `sleeper` is running; `after` depends on `boom`.
    static func failingBesideASleeper(log: EventLog) -> Graph {
        let bothStarted = Barrier(count: 2)
        var graph = Graph()
        graph.addNode(id: "sleeper", operation: { _ in
            await bothStarted.arriveAndWait()
            try await sleepUntilCancelled("sleeper", log: log)
            return 0
        })
        graph.addNode(id: "boom", operation: { _ in
            await bothStarted.arriveAndWait()
            throw PlannedFailure(reason: "boom")
        })
        graph.addNode(id: "after", operation: { _ in
            log.append("after ran")
            return 1
        })
        graph.connect(.node("boom"), to: "after")
        return graph
    }

    @Test(arguments: SchedulerKind.concurrent)
    func failFastCancelsRunningSiblingsAndNamesTheNode(kind: SchedulerKind) async throws {
        let log = EventLog()
        let plan = try Self.failingBesideASleeper(log: log).compile()
        let failure = try await #require(throws: NodeFailure.self) {
            try await kind.make().run(plan, inputs: [:])
        }
        #expect(failure.nodeID == "boom")
        #expect((failure.underlying as? PlannedFailure)?.reason == "boom")
        #expect(failure.description == "Node 'boom' failed: planned failure: boom")
        #expect(log.all == ["sleeper cancelled"])
        #expect(failure.trace.event(for: "sleeper")?.outcome == .cancelled)
        #expect(failure.trace.event(for: "boom")?.outcome == .failed("planned failure: boom"))
        #expect(failure.trace.event(for: "after") == nil)
    }

    @Test func failFastStopsASerialRunAtTheFailure() async throws {
        var graph = Graph()
        let log = EventLog()
        graph.addNode(id: "first", operation: { _ in throw PlannedFailure(reason: "first") })
        graph.addNode(id: "second", operation: { _ in log.append("second ran"); return 2 })
        let failure = try await #require(throws: NodeFailure.self) {
            try await SerialScheduler().run(graph.compile(), inputs: [:])
        }
        #expect(failure.nodeID == "first")
        #expect(log.all.isEmpty)
    }

    /// `ok` feeds `bad` (which fails) and `fine`; `bad` feeds `lost`, which feeds `gone`;
    /// `mixed` reads both `fine` and `lost`.
    static func partlyFailing() -> Graph {
        var graph = Graph()
        graph.addInput("x", type: Int.self)
        graph.addNode(id: "ok", Doubler())
        graph.addNode(id: "bad", operation: { _ in throw PlannedFailure(reason: "bad") })
        graph.addNode(id: "fine", Doubler())
        graph.addNode(id: "lost", operation: sum)
        graph.addNode(id: "gone", operation: sum)
        graph.addNode(id: "mixed", operation: sum)
        graph.connect(.input("x"), to: "ok")
        graph.connect(.node("ok"), to: "bad")
        graph.connect(.node("ok"), to: "fine")
        graph.connect(.node("bad"), to: "lost")
        graph.connect(.node("lost"), to: "gone")
        graph.connect(.node("fine"), to: "mixed")
        graph.connect(.node("lost"), to: "mixed")
        graph.addOutput(.node("fine"), name: "kept")
        graph.addOutput(.node("gone"), name: "dropped")
        return graph
    }

    @Test(arguments: SchedulerKind.allCases)
    func collectPartialReturnsWhatFinished(kind: SchedulerKind) async throws {
        let plan = try Self.partlyFailing().compile()
        let run = try await kind.make(errorPolicy: .collectPartial).run(plan, inputs: ["x": 3])
        #expect(run.outputs.count == 1)
        #expect(run.output("kept", as: Int.self) == 12)
        #expect(Set(run.nodeOutputs.keys) == ["ok", "fine"])
        #expect(Array(run.failures.keys) == ["bad"])
        #expect((run.failures["bad"] as? PlannedFailure)?.reason == "bad")
        #expect(run.skipped == ["lost", "gone", "mixed"])
        #expect(!run.isComplete)
        let outcomes = Dictionary(uniqueKeysWithValues: run.trace.events.map {
            ($0.nodeID, $0.outcome)
        })
        #expect(outcomes == [
            "ok": .succeeded, "bad": .failed("planned failure: bad"), "fine": .succeeded,
            "lost": .skipped, "gone": .skipped, "mixed": .skipped,
        ])
    }

    @Test(arguments: SchedulerKind.allCases)
    func cancellingTheCallerCancelsEveryRunningNode(kind: SchedulerKind) async throws {
        let log = EventLog()
        let started = Barrier(count: kind == .serial ? 1 : 2)
        var graph = Graph()
        for id in ["left", "right"] {
            graph.addNode(id: id, operation: { _ in
                log.append("\(id) started")
                started.arrive()
                try await sleepUntilCancelled(id, log: log)
                return id
            })
        }
        graph.addNode(id: "join", operation: { _ in log.append("join ran"); return 0 })
        graph.connect(.node("left"), to: "join")
        graph.connect(.node("right"), to: "join")
        let plan = try graph.compile()
        let scheduler = kind.make()
        let run = Task { try await scheduler.run(plan, inputs: [:]) }
        await started.wait()
        run.cancel()
        let result = await run.result
        #expect(throws: CancellationError.self) { try result.get() }
        let expected = kind == .serial
            ? ["left started", "left cancelled"]
            : ["left started", "right started", "left cancelled", "right cancelled"]
        #expect(log.all.sorted() == expected.sorted())
    }
}
