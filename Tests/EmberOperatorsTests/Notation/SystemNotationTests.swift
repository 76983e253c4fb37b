import EmberOperators
import Testing

@Suite struct SystemNotationTests {
    let notation = SystemNotation()

    @Test func readsEveryPartOfANode() throws {
        let system = try notation.parse("5E!draft@local/smollm2(temp=0.7, max_tokens=64)")
        let node = try #require(system.nodes.first)
        #expect(node.count == 5)
        #expect(node.code == "E")
        #expect(node.id == "draft")
        #expect(node.model == "local/smollm2")
        #expect(node.parameters == ["temperature": .number(0.7), "maximum_tokens": .number(64)])
    }

    @Test func idsDefaultToCodeAndPosition() throws {
        let system = try notation.parse("3E@local/m(temp=0.7), 1M; 1J@local/m\n1V@local/m")
        #expect(system.nodes.map(\.id) == ["e1", "m2", "j3", "v4"])
        #expect(system.nodes.map(\.count) == [3, 1, 1, 1])
        #expect(!system.hasExplicitFlows)
        #expect(system.flows == [
            FlowSpecification(from: "e1", to: "m2"), FlowSpecification(from: "m2", to: "j3"),
            FlowSpecification(from: "j3", to: "v4"),
        ])
    }

    @Test func aChainReadsEveryEnsembleSinceTheLastReader() throws {
        let system = try notation.parse("3E!a@local/m, 2E!b@local/m, 1J!j@local/m, 1V@local/m")
        #expect(system.flows == [
            FlowSpecification(from: "a", to: "j"), FlowSpecification(from: "b", to: "j"),
            FlowSpecification(from: "j", to: "v4"),
        ])
    }

    @Test func arraysAreEntries() throws {
        let system = try notation.parse(["3E@local/m(temp=0.7)", "1M"])
        #expect(system.nodes.map(\.code) == ["E", "M"])
        #expect(system.nodes[0].count == 3)
    }

    @Test func providerColonModelIsNormalised() throws {
        let system = try notation.parse("E@openai:gpt-4o")
        #expect(system.nodes[0].model == "openai/gpt-4o")
        #expect(system.nodes[0].count == 1)
    }

    @Test func legacyFormIsRead() throws {
        let system = try notation.parse("3:E:gpt-4o:0.7, 1:J:anthropic:claude-3")
        #expect(system.nodes[0].count == 3)
        #expect(system.nodes[0].model == "gpt-4o")
        #expect(system.nodes[0].parameters["temperature"] == .number(0.7))
        #expect(system.nodes[1].model == "anthropic/claude-3")
    }

    @Test func valuesMayBeQuotedBooleanOrJSON() throws {
        var codes = NodeCodeRegistry.standard
        codes.register(NodeCodeDefinition(
            code: "X", name: "Custom", summary: "Test node.", needsModel: false,
            acceptsCount: false, readsUpstream: false,
            parameters: [
                ParameterDefinition("label", kind: .string, help: "A label."),
                ParameterDefinition("strict", kind: .bool, help: "A flag."),
                ParameterDefinition("weights", kind: .json, help: "Weights."),
            ]) { _, _ in fatalError("not built in this test") })
        let system = try SystemNotation(codes: codes)
            .parse(#"X(label="a, b", strict=true, weights=[1, 2])"#)
        #expect(system.nodes[0].parameters == [
            "label": .string("a, b"), "strict": .bool(true), "weights": .json("[1, 2]"),
        ])
    }

    @Test func componentsExpandRecursively() throws {
        let notation = SystemNotation(components: [
            "voters": ["3E@local/m(temp=0.7)", "1M"],
            "full": ["$voters", "1J@local/m"],
        ])
        let system = try notation.parse("$full")
        #expect(system.nodes.map(\.id) == ["e1", "m2", "j3"])
    }

    @Test func explicitFlowsBuildOtherShapes() throws {
        let system = try notation.parse(
            "3E!a@local/m, 2E!b@local/m(temp=1), 1J!j@local/m, {a, b} -> j")
        #expect(system.hasExplicitFlows)
        #expect(system.flows == [
            FlowSpecification(from: "a", to: "j"), FlowSpecification(from: "b", to: "j"),
        ])
        let chain = try notation.parse("E!x@local/m, M!y, J!z@local/m, x -> y -> z")
        #expect(chain.flows.map(\.to) == ["y", "z"])
        let twice = try notation.parse("E!a@local/m, E!b@local/m, M!m, {a, b} -> m, a -> m")
        #expect(twice.flows == [
            FlowSpecification(from: "a", to: "m"), FlowSpecification(from: "b", to: "m"),
        ])
    }

    @Test(arguments: [
        ("3E@x,Q", #"Unknown node code "Q" at offset 5 in "3E@x,Q"; known codes are E, J, M, S, V."#),
        ("3E@local/m(temp=0.7, colour=red)",
         #"Unknown parameter "colour" for code E at offset 21 in "3E@local/m(temp=0.7, colour=red)"; E accepts temperature/temp, maximum_tokens/max_tokens/maxTokens, top_p/topP, seed, quorum."#),
        ("2M", #"A count of 2 for code M at offset 0 in "2M"; MostCommon takes no count."#),
        ("1M@local/m", #"A model "local/m" for code M at offset 0 in "1M@local/m"; MostCommon calls no model."#),
        ("E@local/m(temp=9)",
         #"The value 9 for temperature at offset 15 in "E@local/m(temp=9)"; it must be from 0.0 to 2.0."#),
        ("E@local/m(temp=0.7", #"A "(" that is never closed at offset 9 in "E@local/m(temp=0.7"."#),
        ("E(temp=0.7)@local/m", #"Unexpected "@local/m" after the parameters at offset 11 in "E(temp=0.7)@local/m"; a node is [count] CODE [!alias] [@model] [(key=value, …)], parameters last."#),
        ("{E!a, E!b -> J", #"A "{" that is never closed at offset 0 in "{E!a, E!b -> J"."#),
        (#"E@local/a"b, M"#, #"A " that is never closed at offset 9 in "E@local/a"b, M"; close the quoted value."#),
        ("E@local/m, M), J", #"A ")" that closes nothing at offset 12 in "E@local/m, M), J"."#),
        ("1001E@local/m", #"A count of 1001 at offset 0 in "1001E@local/m"; a count is a whole number from 1 to 1000."#),
        ("1:E:local/m:9", #"The value 9 for temperature at offset 0 in "1:E:local/m:9"; it must be from 0.0 to 2.0."#),
        ("0:E:local/m", #"A count of 0 at offset 0 in "0:E:local/m"; a count is a whole number from 1 to 1000."#),
        ("E@local/m(temp=0.7, temperature=1)", #"The parameter temperature given twice at offset 20 in "E@local/m(temp=0.7, temperature=1)"."#),
        ("1M", #"Nothing flows into node m1, which reads the candidates before it at offset 0 in "1M"; put an ensemble such as 3E@provider/model before it, or add a flow."#),
        ("E!a@local/m, E!b@local/m, a -> b", #"A flow into b, whose code E reads only the query at offset 26 in "E!a@local/m, E!b@local/m, a -> b"; flows go into J, V, M and S nodes."#),
        ("E@, M", #"An empty model after "@" at offset 1 in "E@, M"; write provider/model, such as @local/smollm2."#),
        ("0E@local/m", #"A count of 0 at offset 0 in "0E@local/m"; a count is a whole number from 1 to 1000."#),
        ("e@local/m", #"Expected a node code (such as E) but found "e" at offset 0 in "e@local/m"; known codes are E, J, M, S, V."#),
        ("E!a@local/m, E!a@local/m", #"Duplicate node id "a" at offset 13 in "E!a@local/m, E!a@local/m"; give one of the nodes another !alias."#),
        ("E@local/m, M, e1 -> q", #"Flow endpoint "q" is not a node at offset 20 in "E@local/m, M, e1 -> q"; the nodes are e1, m2."#),
        ("E@local/m junk", #"Unexpected "junk" at offset 10 in "E@local/m junk"; a node is [count] CODE [!alias] [@model] [(key=value, …)]."#),
        ("$missing", #"Unknown component "$missing" at offset 0 in "$missing"; no components were given."#),
        ("3E@local/m,1E(temp=0.7)(top_p=1)", #"A ")" that closes nothing at offset 22 in "3E@local/m,1E(temp=0.7)(top_p=1)"."#),
        ("E!a@local/m, 1J!j@local/m, {a,}->j", #"An empty name in "{a,}" at offset 27 in "E!a@local/m, 1J!j@local/m, {a,}->j"."#),
        ("99999999999999999999:E:local/m", #"A count of 99999999999999999999 at offset 0 in "99999999999999999999:E:local/m"; a count is a whole number from 1 to 1000."#),
        ("", #"A system with no nodes at offset 0 in ""; write at least one node, such as 1E@local/smollm2."#),
    ])
    func errorsNameTheTextAndOffset(description: String, expected: String) {
        let error = #expect(throws: NotationError.self) { try notation.parse(description) }
        #expect(error?.description == expected)
    }

    @Test func componentCyclesAreErrors() {
        let notation = SystemNotation(components: ["a": ["$b"], "b": ["1M", "$a"]])
        let error = #expect(throws: NotationError.self) { try notation.parse("$a") }
        #expect(error?.problem == "component cycle $a -> $b -> $a")
        #expect(error?.component == "b")
    }

    @Test func errorsInsideAnArrayCountInTheirElement() {
        let error = #expect(throws: NotationError.self) {
            try notation.parse(["3E@local/m", "1Q"])
        }
        #expect(error?.offset == 1)
        #expect(error?.source == "1Q")
    }
}
