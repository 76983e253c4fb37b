import EmberXCS
import Testing

@Suite(.timeLimit(.minutes(1))) struct DataflowSchedulerTests {
    /// `start` feeds a long branch (a slow node, then its tail) and a short one (a quick node,
    /// then its tail); every node logs when it ends.
    static func unevenBranches(log: EventLog) -> Graph {
        func node(_ id: String, sleeping milliseconds: Int) -> NodeOperation {
            { _ in
                if milliseconds > 0 { try await Task.sleep(for: .milliseconds(milliseconds)) }
                log.append("\(id) ended")
                return id
            }
        }
        var graph = Graph()
        graph.addNode(id: "start", operation: node("start", sleeping: 0))
        graph.addNode(id: "long", operation: node("long", sleeping: 150))
        graph.addNode(id: "long tail", operation: node("long tail", sleeping: 0))
        graph.addNode(id: "short", operation: node("short", sleeping: 10))
        graph.addNode(id: "short tail", operation: node("short tail", sleeping: 0))
        graph.connect(.node("start"), to: "long")
        graph.connect(.node("long"), to: "long tail")
        graph.connect(.node("start"), to: "short")
        graph.connect(.node("short"), to: "short tail")
        return graph
    }

    @Test func aShortBranchDoesNotWaitForItsLongSibling() async throws {
        // The long node ends only once the short branch's tail has ended (or after 10 s),
        // so the order does not depend on sleeps racing on a loaded machine: a scheduler
        // that held the short tail back for the long node would take the full 10 s and
        // log the tail after it.
        let log = EventLog()
        var graph = Graph()
        graph.addNode(id: "start") { _ in "start" }
        graph.addNode(id: "long") { _ in
            for _ in 0..<2_000 where log.position(of: "short tail ended") == nil {
                try await Task.sleep(for: .milliseconds(5))
            }
            log.append("long ended")
            return "long"
        }
        graph.addNode(id: "short") { _ in "short" }
        graph.addNode(id: "short tail") { _ in
            log.append("short tail ended")
            return "short tail"
        }
        graph.connect(.node("start"), to: "long")
        graph.connect(.node("start"), to: "short")
        graph.connect(.node("short"), to: "short tail")
        _ = try await DataflowScheduler().run(graph.compile(), inputs: [:])
        let shortTail = try #require(log.position(of: "short tail ended"))
        let long = try #require(log.position(of: "long ended"))
        #expect(shortTail < long)
    }

    @Test func aWaveWaitsForItsSlowestNode() async throws {
        let log = EventLog()
        let plan = try Self.unevenBranches(log: log).compile()
        _ = try await WaveScheduler().run(plan, inputs: [:])
        let shortTail = try #require(log.position(of: "short tail ended"))
        let long = try #require(log.position(of: "long ended"))
        #expect(long < shortTail)
    }

    /// A source feeding `width` branches, each of which enters the gauge, waits at the
    /// barrier, and leaves.
    static func fanOut(width: Int, gauge: ConcurrencyGauge, barrier: Barrier) -> Graph {
        var graph = Graph()
        graph.addNode(id: "source", operation: constant(1))
        for branch in 0..<width {
            graph.addNode(id: "branch \(branch)", operation: { _ in
                gauge.enter()
                defer { gauge.leave() }
                await barrier.arriveAndWait()
                try await Task.sleep(for: .milliseconds(2))
                return branch
            })
            graph.connect(.node("source"), to: "branch \(branch)")
        }
        graph.addNode(id: "join", operation: sum)
        for branch in 0..<width { graph.connect(.node("branch \(branch)"), to: "join") }
        graph.addOutput(.node("join"))
        return graph
    }

    @Test(arguments: SchedulerKind.concurrent)
    func boundsConcurrencyWhateverTheWidth(kind: SchedulerKind) async throws {
        let gauge = ConcurrencyGauge()
        let plan = try Self.fanOut(width: 10, gauge: gauge, barrier: Barrier(count: 2)).compile()
        let run = try await kind.make(maximumConcurrency: 2).run(plan, inputs: [:])
        #expect(run.outputs["join"] as? Int == 45)
        #expect(gauge.peak == 2, "two branches met at the barrier, and never a third")
    }

    @Test(arguments: SchedulerKind.concurrent)
    func runsAWholeFanOutAtOnceWithoutABound(kind: SchedulerKind) async throws {
        let gauge = ConcurrencyGauge()
        let plan = try Self.fanOut(width: 10, gauge: gauge, barrier: Barrier(count: 10))
            .compile()
        let run = try await kind.make().run(plan, inputs: [:])
        #expect(run.outputs["join"] as? Int == 45)
        #expect(gauge.peak == 10)
    }

    @Test func runsTheSerialSchedulerOneNodeAtATime() async throws {
        let gauge = ConcurrencyGauge()
        let plan = try Self.fanOut(width: 10, gauge: gauge, barrier: Barrier(count: 1)).compile()
        _ = try await SerialScheduler().run(plan, inputs: [:])
        #expect(gauge.peak == 1)
    }

    @Test(arguments: [nil, 4])
    func runsTenThousandNodes(limit: Int?) async throws {
        var graph = Graph()
        graph.addInput("seed", type: Int.self)
        graph.addNode(id: "chain 0", Doubler())
        graph.connect(.input("seed"), to: "chain 0")
        for link in 1..<5_000 {
            graph.addNode(id: "chain \(link)", operation: { inputs in
                (inputs.values[0] as? Int ?? 0) + 1
            })
            graph.connect(.node("chain \(link - 1)"), to: "chain \(link)")
        }
        for leaf in 0..<4_999 {
            graph.addNode(id: "leaf \(leaf)", operation: constant(1))
        }
        graph.addNode(id: "total", operation: sum)
        for leaf in 0..<4_999 { graph.connect(.node("leaf \(leaf)"), to: "total") }
        graph.connect(.node("chain 4999"), to: "total")
        graph.addOutput(.node("total"))
        let plan = try graph.compile()
        #expect(plan.nodeCount == 10_000)
        let run = try await DataflowScheduler(maximumConcurrency: limit)
            .run(plan, inputs: ["seed": 1])
        #expect(run.outputs["total"] as? Int == 4_999 + (2 + 4_999))
        #expect(run.trace.events.count == 10_000)
    }
}
