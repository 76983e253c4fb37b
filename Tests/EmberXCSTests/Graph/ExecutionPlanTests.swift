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
