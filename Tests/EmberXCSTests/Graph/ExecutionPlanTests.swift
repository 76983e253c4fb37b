import EmberXCS
import Testing

@Suite struct ExecutionPlanTests {
    /// `x -> a -> (b, c) -> d`, with `c` reading a field and `d` naming its ports.
    static func diamond() -> Graph {
        struct Pair: Sendable { var left: Int; var right: Int }
        var graph = Graph()
        graph.addInput("x", type: Int.self)
        graph.addNode(id: "a", operation: { inputs in
            let x = inputs.value(at: 0, as: Int.self) ?? 0
            return Pair(left: x, right: x + 1)
        })
        graph.addNode(id: "b", operation: { inputs in
            (inputs.values[0] as? Pair).map { $0.left * 10 } ?? -1
        })
        graph.addNode(id: "c", operation: { inputs in
            (inputs["right"] as? Int).map { $0 * 100 } ?? -1
        })
        graph.addNode(id: "d", operation: { inputs in
            let left = inputs["left"] as? Int ?? 0
            let right = inputs["right"] as? Int ?? 0
            return "\(left)+\(right)"
        })
        graph.connect(.input("x"), to: "a")
        graph.connect(.node("a"), to: "b")
        graph.connect(.field(node: "a", field: "right"), to: "c")
        graph.connect(.node("b"), to: "d", port: "left")
        graph.connect(.node("c"), to: "d", port: "right")
        graph.addOutput(.node("d"), name: "answer")
        graph.addOutput(.field(node: "a", field: "left"))
        return graph
    }

    @Test func groupsADiamondIntoThreeWaves() throws {
        let plan = try Self.diamond().compile()
        #expect(plan.waves == [["a"], ["b", "c"], ["d"]])
        #expect(plan.order == ["a", "b", "c", "d"])
        #expect(plan.nodeCount == 4)
        #expect(plan.wave(of: "c") == 1)
        #expect(plan.inputs(of: "d") == [.node("b"), .node("c")])
        #expect(plan.inputs(of: "c") == [.field(node: "a", field: "right")])
        #expect(plan.inputs(of: "nope") == nil)
        #expect(plan.dependencies(of: "d") == ["b", "c"])
        #expect(plan.dependents(of: "a") == ["b", "c"])
        #expect(plan.inputNames == ["x"])
        #expect(plan.outputNames == ["answer", "a.left"])
    }

    @Test func placesEachNodeAfterItsLongestChain() throws {
        var graph = Graph()
        for id in ["late", "early", "middle", "side"] { graph.addNode(id: id, operation: sum) }
        graph.connect(.node("early"), to: "middle")
        graph.connect(.node("middle"), to: "late")
        graph.connect(.node("early"), to: "late")
        graph.connect(.node("early"), to: "late")
        let plan = try graph.compile()
        #expect(plan.waves == [["early", "side"], ["middle"], ["late"]])
        #expect(plan.dependencies(of: "late") == ["early", "middle"])
        #expect(plan.inputs(of: "late") == [.node("middle"), .node("early"), .node("early")])
    }

    @Test func sortsDependenciesThatWereConnectedOutOfOrder() throws {
        // Nodes added in dependency order keep their order as steps; `c` reads `b` before
        // `a`, so its dependency list still has to be put in plan order.
        var graph = Graph()
        for id in ["a", "b", "c", "d"] { graph.addNode(id: id, operation: sum) }
        graph.connect(.node("a"), to: "b")
        graph.connect(.node("b"), to: "c")
        graph.connect(.node("a"), to: "c")
        graph.connect(.node("c"), to: "d")
        graph.connect(.node("a"), to: "d")
        let plan = try graph.compile()
        #expect(plan.order == ["a", "b", "c", "d"])
        #expect(plan.dependencies(of: "c") == ["a", "b"])
        #expect(plan.dependencies(of: "d") == ["a", "c"])
        #expect(plan.dependents(of: "a") == ["b", "c", "d"])
        #expect(plan.inputs(of: "c") == [.node("b"), .node("a")])
        #expect([plan.wave(of: "a"), plan.wave(of: "b"), plan.wave(of: "c"),
                 plan.wave(of: "d"), plan.wave(of: "nope")] == [0, 1, 2, 3, nil])
    }

    @Test func handsEachNodeItsSourcesAndPorts() async throws {
        struct Seen: Sendable {
            var sources: [ValueSource]
            var ports: [String]
            var one: Int?
            var x: Int?
        }
        var graph = Graph()
        graph.addInput("x")
        // `a` has an edge too, so `b`'s edges do not start the plan's lists.
        graph.addNode(id: "a", operation: { _ in 1 })
        graph.connect(.input("x"), to: "a")
        graph.addNode(id: "b", operation: { inputs in
            var copy = inputs
            copy.ports = ["renamed", "other"]
            return [inputs, copy].map { inputs in
                Seen(sources: inputs.sources, ports: inputs.ports, one: inputs["one"] as? Int,
                     x: inputs.value(from: .input("x")) as? Int)
            }
        })
        graph.connect(.input("x"), to: "b")
        graph.connect(.node("a"), to: "b", port: "one")
        graph.addOutput(.node("b"), name: "seen")
        let run = try await DataflowScheduler().run(try graph.compile(), inputs: ["x": 7])
        let seen = try #require(run.outputs["seen"] as? [Seen])
        #expect(seen.map(\.sources) == [[.input("x"), .node("a")], [.input("x"), .node("a")]])
        #expect(seen.map(\.ports) == [["x", "one"], ["renamed", "other"]])
        #expect(seen.map(\.one) == [1, nil])
        #expect(seen.map(\.x) == [7, 7])
    }

    @Test func findsTheEdgesOfNodesAddedOutOfOrder() async throws {
        // The sink comes first and its sources after it, so steps and nodes differ in order
        // and every lookup goes through the step's node and edge positions.
        var graph = Graph()
        graph.addInput("x")
        graph.addNode(id: "sink", operation: { inputs in
            let left = inputs["l"] as? Int ?? -1
            let right = inputs.value(from: .node("right")) as? Int ?? -1
            return "\(left) \(right) \(inputs.ports.joined(separator: ","))"
        })
        graph.addNode(id: "right", operation: { inputs in (inputs.first as? Int ?? 0) * 3 })
        graph.addNode(id: "left", operation: { inputs in (inputs["x"] as? Int ?? 0) * 2 })
        graph.connect(.node("left"), to: "sink", port: "l")
        graph.connect(.node("right"), to: "sink")
        graph.connect(.input("x"), to: "right")
        graph.connect(.input("x"), to: "left")
        graph.addOutput(.node("sink"), name: "out")
        let plan = try graph.compile()
        #expect(plan.order == ["right", "left", "sink"])
        #expect(plan.inputs(of: "sink") == [.node("left"), .node("right")])
        #expect(plan.description.contains("sink <- l=left, right"))
        for scheduler: any Scheduler in [SerialScheduler(), WaveScheduler(), DataflowScheduler()] {
            let run = try await scheduler.run(plan, inputs: ["x": 5])
            #expect(run.outputs["out"] as? String == "10 15 l,right")
            #expect(run.trace.events.map(\.nodeID).sorted() == ["left", "right", "sink"])
        }
    }

    @Test func describesItselfWaveByWave() throws {
        let plan = try Self.diamond().compile()
        #expect(plan.description == """
            ExecutionPlan: 4 nodes in 3 waves
              inputs: x
              wave 0: a
                a <- input:x
              wave 1: b, c
                b <- a
                c <- a.right
              wave 2: d
                d <- left=b, right=c
              outputs: answer <- d, a.left
            """)
    }

    @Test func compilesAnEmptyGraph() throws {
        let plan = try Graph().compile()
        #expect(plan.waves.isEmpty)
        #expect(plan.description == "ExecutionPlan: 0 nodes in 0 waves")
    }
}
