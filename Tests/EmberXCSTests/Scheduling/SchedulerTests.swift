import EmberXCS
import Testing

@Suite(.timeLimit(.minutes(1))) struct SchedulerTests {
    @Test(arguments: SchedulerKind.allCases, [nil, 1, 2])
    func everySchedulerGivesTheSameResults(kind: SchedulerKind, limit: Int?) async throws {
        let plan = try ExecutionPlanTests.diamond().compile()
        let run = try await kind.make(maximumConcurrency: limit).run(plan, inputs: ["x": 4])
        #expect(run.output("answer", as: String.self) == "40+500")
        #expect(run.output("a.left", as: Int.self) == 4)
        #expect(run.nodeOutputs.count == 4)
        #expect(run.nodeOutputs["b"] as? Int == 40)
        #expect(run.nodeOutputs["c"] as? Int == 500)
        #expect(run.failures.isEmpty)
        #expect(run.skipped.isEmpty)
        #expect(run.isComplete)
        #expect(run.output(from: .field(node: "a", field: "right")) as? Int == 5)
        #expect(run.output(from: .input("x")) as? Int == 4)
        #expect(run.trace.events.map(\.nodeID) == ["a", "b", "c", "d"])
        #expect(run.trace.events.allSatisfy { $0.outcome == .succeeded })
    }

    @Test(arguments: SchedulerKind.allCases)
    func runsTypedOperatorsInAChain(kind: SchedulerKind) async throws {
        var graph = Graph()
        graph.addInput("word", type: String.self)
        graph.addNode(id: "count", Counting())
        graph.addNode(id: "double", Doubler())
        graph.addNode(id: "again", Doubler())
        graph.connect(.input("word"), to: "count")
        graph.connect(.node("count"), to: "double")
        graph.connect(.node("double"), to: "again")
        graph.addOutput(.node("again"), name: "result")
        let run = try await kind.make().run(graph.compile(), inputs: ["word": "ember"])
        #expect(run.output("result", as: Int.self) == 20)
    }

    @Test(arguments: SchedulerKind.allCases)
    func readsNestedFieldsAndDictionaryKeys(kind: SchedulerKind) async throws {
        struct Inner: Sendable { var score: Double }
        struct Outer: Sendable { var inner: Inner?; var tags: [String: any Sendable] }
        var graph = Graph()
        graph.addNode(id: "make", operation: constant(
            Outer(inner: Inner(score: 0.75), tags: ["lang": "en"])
        ))
        graph.addNode(id: "pair", operation: { inputs in
            "\(inputs["score"] as? Double ?? -1) \(inputs["lang"] as? String ?? "?")"
        })
        graph.connect(.field(node: "make", field: "inner.score"), to: "pair")
        graph.connect(.field(node: "make", field: "tags.lang"), to: "pair")
        graph.addOutput(.node("pair"))
        let run = try await kind.make().run(graph.compile(), inputs: [:])
        #expect(run.outputs["pair"] as? String == "0.75 en")
    }

    @Test(arguments: SchedulerKind.allCases)
    func runsAPlanManyTimesAtOnce(kind: SchedulerKind) async throws {
        let plan = try ExecutionPlanTests.diamond().compile()
        let scheduler = kind.make()
        let answers = try await withThrowingTaskGroup(of: String?.self) { group in
            for x in 0..<8 {
                group.addTask { try await scheduler.run(plan, inputs: ["x": x]).output("answer") }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1 ?? "") }
        }
        #expect(answers == Set((0..<8).map { "\($0 * 10)+\(($0 + 1) * 100)" }))
    }

    @Test func bindsTheNodeContextForEachOperation() async throws {
        var graph = Graph()
        graph.addNode(id: "first", operation: { _ in NodeContext.current?.nodeID ?? "none" })
        graph.addNode(id: "second", operation: { _ in
            await withTaskGroup(of: String.self) { group in
                group.addTask { NodeContext.current?.nodeID ?? "none" }
                return await group.next() ?? "none"
            }
        })
        let run = try await DataflowScheduler().run(graph.compile(), inputs: [:])
        #expect(run.nodeOutputs["first"] as? String == "first")
        #expect(run.nodeOutputs["second"] as? String == "second")
        #expect(NodeContext.current == nil)
    }
}
