import EmberXCS
import Testing

@Suite struct GraphValidationTests {
    @Test func acceptsAValidGraph() throws {
        var graph = Graph()
        graph.addInput("x", type: Int.self)
        graph.addNode(id: "double", Doubler())
        graph.connect(.input("x"), to: "double")
        graph.addOutput(.node("double"))
        #expect(graph.problems.isEmpty)
        try graph.validate()
    }

    @Test func reportsDuplicateIDs() {
        var graph = Graph()
        graph.addNode(id: "a", operation: constant(1))
        graph.addNode(id: "a", operation: constant(2))
        graph.addInput("x")
        graph.addInput("x")
        let problems = graph.problems
        #expect(problems.map(\.kind) == [.duplicateNode, .duplicateInput])
        #expect(problems[0].nodeIDs == ["a"])
        #expect(problems[0].message
            == "Node id 'a' is used by 2 nodes; give each node its own id.")
        #expect(problems[1].nodeIDs == ["x"])
    }

    @Test func reportsUnknownIDsInEdgesAndOutputs() {
        var graph = Graph()
        graph.addNode(id: "a", operation: constant(1))
        graph.connect(.node("a"), to: "missing")
        graph.connect(.node("ghost"), to: "a")
        graph.connect(.input("undeclared"), to: "a")
        graph.addOutput(.field(node: "phantom", field: "text"), name: "answer")
        let problems = graph.problems
        #expect(problems.map(\.kind) == [.unknownNode, .unknownNode, .unknownInput, .unknownNode])
        #expect(problems[0].nodeIDs == ["missing"])
        #expect(problems[0].message.contains("goes to node 'missing', which was never added"))
        #expect(problems[1].nodeIDs == ["ghost", "a"])
        #expect(problems[1].message.contains("Node 'a' reads from node 'ghost'"))
        #expect(problems[2].nodeIDs == ["a", "undeclared"])
        #expect(problems[2].message.contains("reads graph input 'undeclared'"))
        #expect(problems[3].nodeIDs == ["phantom", "answer"])
        #expect(problems[3].message.contains("Graph output 'answer' reads from node 'phantom'"))
    }

    @Test func reportsACycleWithItsPath() throws {
        var graph = Graph()
        for id in ["start", "a", "b", "c", "after", "loop"] {
            graph.addNode(id: id, operation: sum)
        }
        graph.connect(.node("start"), to: "a")
        graph.connect(.node("a"), to: "b")
        graph.connect(.node("b"), to: "c")
        graph.connect(.node("c"), to: "a")
        graph.connect(.node("c"), to: "after")
        graph.connect(.node("loop"), to: "loop")
        let error = try #require(throws: GraphError.self) { try graph.compile() }
        let cycles = error.problems(ofKind: .cycle)
        #expect(cycles.count == 2)
        #expect(cycles.map(\.nodeIDs) == [["a", "b", "c"], ["loop"]])
        #expect(cycles[0].message.contains("a -> b -> c -> a"))
        #expect(cycles[1].message.contains("loop -> loop"))
        #expect(error.problems.count == 2, "nodes downstream of a cycle are not on it")
    }

    @Test func reportsTheShortestCycleThroughEachTangle() {
        var graph = Graph()
        for id in ["a", "b", "c", "d"] { graph.addNode(id: id, operation: sum) }
        graph.connect(.node("a"), to: "b")
        graph.connect(.node("b"), to: "c")
        graph.connect(.node("c"), to: "d")
        graph.connect(.node("d"), to: "a")
        graph.connect(.node("c"), to: "a")
        let cycles = graph.problems.filter { $0.kind == .cycle }
        #expect(cycles.map(\.nodeIDs) == [["a", "b", "c"]])
    }

    @Test func reportsTypedNodesWithoutTheirOneEdge() {
        var graph = Graph()
        graph.addInput("x", type: Int.self)
        graph.addNode(id: "lonely", Doubler())
        graph.addNode(id: "crowded", Doubler())
        graph.addNode(id: "typed", inputType: Int.self, operation: sum)
        graph.addNode(id: "free", operation: constant(3))
        graph.connect(.input("x"), to: "crowded")
        graph.connect(.node("free"), to: "crowded")
        let problems = graph.problems
        #expect(problems.map(\.kind) == [.missingEdge, .extraEdge, .missingEdge])
        #expect(problems.map(\.nodeIDs) == [["lonely"], ["crowded"], ["typed"]])
        #expect(problems[0].message.contains("needs exactly one of type Int"))
        #expect(problems[1].message.contains("has 2 incoming edges"))
        #expect(problems[2].message.contains("needs at least one"))
    }

    @Test func reportsTypeMismatchesOnWholeValueEdges() {
        var graph = Graph()
        graph.addInput("text", type: String.self)
        graph.addNode(id: "double", Doubler())
        graph.addNode(id: "count", Counting())
        graph.addNode(id: "anything", inputType: (any Sendable).self, operation: sum)
        graph.connect(.input("text"), to: "double")
        graph.connect(.node("double"), to: "count")
        graph.connect(.node("double"), to: "anything")
        graph.connect(.input("text"), to: "anything")
        let problems = graph.problems
        #expect(problems.map(\.kind) == [.typeMismatch, .typeMismatch])
        #expect(problems[0].nodeIDs == ["double"])
        #expect(problems[0].message.contains("Node 'double' takes Int"))
        #expect(problems[0].message.contains("from input:text carries String"))
        #expect(problems[1].nodeIDs == ["count", "double"])
        #expect(problems[1].message.contains("Node 'count' takes String"))
    }

    @Test func letsAnExistentialInputTakeAnyConcreteSource() async throws {
        struct Describing: Operator {
            func run(_ input: any CustomStringConvertible & Sendable) async throws -> String {
                input.description
            }
        }
        var graph = Graph()
        graph.addInput("number", type: Int.self)
        graph.addNode(id: "describe", Describing())
        graph.connect(.input("number"), to: "describe")
        graph.addOutput(.node("describe"))
        #expect(graph.problems.isEmpty)
        let run = try await SerialScheduler().run(graph.compile(), inputs: ["number": 42])
        #expect(run.output("describe", as: String.self) == "42")
    }

    @Test func reportsEveryProblemAtOnce() throws {
        var graph = Graph()
        graph.addNode(id: "a", Doubler())
        graph.addNode(id: "a", operation: sum)
        graph.addNode(id: "b", operation: sum)
        graph.connect(.node("b"), to: "b")
        graph.connect(.node("nowhere"), to: "b")
        let error = try #require(throws: GraphError.self) { try graph.validate() }
        #expect(error.problems.map(\.kind) == [.duplicateNode, .unknownNode, .missingEdge, .cycle])
        #expect(error.description.hasPrefix("The graph has 4 problems:\n- Node id 'a'"))
        #expect(error.description.split(separator: "\n").count == 5)
    }

    @Test func namesTheNodeAndFieldOfAnUnknownFieldWhenRunning() async throws {
        struct Reply: Sendable { var text: String }
        var graph = Graph()
        graph.addNode(id: "reply", operation: constant(Reply(text: "hi")))
        graph.addNode(id: "reader", operation: { $0.values[0] })
        graph.connect(.field(node: "reply", field: "txt"), to: "reader")
        let plan = try graph.compile()
        let failure = try await #require(throws: NodeFailure.self) {
            try await DataflowScheduler().run(plan, inputs: [:])
        }
        #expect(failure.nodeID == "reader")
        let error = try #require(failure.underlying as? ExecutionError)
        #expect(error.nodeID == "reader")
        #expect(error.description == "Node 'reader' reads field 'txt' of node 'reply', but its "
            + "output of type Reply has no such stored property; its fields are: text.")
    }

    @Test func namesTheNodeAndBothTypesWhenATypedCastFails() async throws {
        var graph = Graph()
        graph.addInput("x")
        graph.addNode(id: "double", Doubler())
        graph.connect(.input("x"), to: "double")
        let plan = try graph.compile()
        let failure = try await #require(throws: NodeFailure.self) {
            try await SerialScheduler().run(plan, inputs: ["x": "seven"])
        }
        #expect(failure.nodeID == "double")
        #expect(String(describing: failure.underlying) == "Node 'double' takes Int, but "
            + "received a value of type String; connect a source that produces Int.")
    }

    @Test func namesAMissingGraphInput() async throws {
        var graph = Graph()
        graph.addInput("question")
        graph.addNode(id: "echo", operation: { $0.values[0] })
        graph.connect(.input("question"), to: "echo")
        let plan = try graph.compile()
        let error = try await #require(throws: ExecutionError.self) {
            try await WaveScheduler().run(plan, inputs: ["query": "?"])
        }
        #expect(error.description.contains("needs input 'question'"))
        #expect(error.description.contains("given only: query"))
    }
}
