import EmberXCS
import Testing

@Suite(.timeLimit(.minutes(1))) struct RandomGraphTests {
    /// A reproducible random layered graph: each node adds its inputs and its own number,
    /// some reading a field of a predecessor's output; every sink is an output.
    static func randomGraph(seed: UInt64, nodes: Int) -> Graph {
        struct Value: Sendable { var total: Int; var parity: Int }
        var generator = SplitMix(seed: seed)
        var graph = Graph()
        graph.addInput("offset", type: Int.self)
        var hasReader = [Bool](repeating: false, count: nodes)
        for node in 0..<nodes {
            graph.addNode(id: "n\(node)", operation: { inputs in
                let total = inputs.values.reduce(node) { sum, value in
                    sum + ((value as? Value)?.total ?? (value as? Int) ?? 0)
                }
                if node % 7 == 0 { try await Task.sleep(for: .microseconds(200)) }
                return Value(total: total % 1_000_003, parity: total % 2)
            })
            if node < 5 {
                graph.connect(.input("offset"), to: "n\(node)")
                continue
            }
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let source = Int(generator.next() % UInt64(node))
                hasReader[source] = true
                let isField = generator.next() % 2 == 0
                graph.connect(isField ? .field(node: "n\(source)", field: "parity")
                                      : .node("n\(source)"), to: "n\(node)")
            }
        }
        for node in 0..<nodes where !hasReader[node] {
            graph.addOutput(.field(node: "n\(node)", field: "total"), name: "n\(node)")
        }
        return graph
    }

    @Test(arguments: [1, 2, 3])
    func everySchedulerAndBoundAgreesWithTheSerialRun(seed: UInt64) async throws {
        let plan = try Self.randomGraph(seed: seed, nodes: 300).compile()
        let expected = try await SerialScheduler().run(plan, inputs: ["offset": 11])
        let expectedOutputs = expected.outputs.mapValues { $0 as? Int }
        #expect(!expectedOutputs.isEmpty)
        for kind in SchedulerKind.concurrent {
            for limit in [nil, 1, 2, 5] {
                let run = try await kind.make(maximumConcurrency: limit)
                    .run(plan, inputs: ["offset": 11])
                #expect(run.outputs.mapValues { $0 as? Int } == expectedOutputs,
                        "\(kind) with maximumConcurrency \(String(describing: limit))")
                #expect(run.trace.events.count == 300)
            }
        }
    }

    @Test(arguments: [nil, 1, 3])
    func boundedDataflowCollectsPartialResultsAroundABadField(limit: Int?) async throws {
        struct Reply: Sendable { var text: String }
        var graph = Graph()
        graph.addNode(id: "reply", operation: constant(Reply(text: "ok")))
        graph.addNode(id: "typo", operation: { $0.values[0] })
        graph.addNode(id: "after typo", operation: { $0.values[0] })
        graph.addNode(id: "fine", operation: { $0.values[0] })
        graph.connect(.field(node: "reply", field: "txt"), to: "typo")
        graph.connect(.node("typo"), to: "after typo")
        graph.connect(.field(node: "reply", field: "text"), to: "fine")
        graph.addOutput(.node("fine"))
        let run = try await DataflowScheduler(maximumConcurrency: limit,
                                              errorPolicy: .collectPartial)
            .run(graph.compile(), inputs: [:])
        #expect(run.outputs["fine"] as? String == "ok")
        #expect(Array(run.failures.keys) == ["typo"])
        #expect(run.failures["typo"] is ExecutionError)
        #expect(run.skipped == ["after typo"])
    }

    @Test(arguments: [2, 4])
    func boundedDataflowFailsFastAndCancelsTheRest(limit: Int) async throws {
        let log = EventLog()
        let plan = try ErrorPolicyTests.failingBesideASleeper(log: log).compile()
        let failure = try await #require(throws: NodeFailure.self) {
            try await DataflowScheduler(maximumConcurrency: limit).run(plan, inputs: [:])
        }
        #expect(failure.nodeID == "boom")
        #expect(log.all == ["sleeper cancelled"])
    }
}

/// A small, reproducible random number generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
