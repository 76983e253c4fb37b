import EmberXCS
import Testing

@Suite struct NodeInputsTests {
    @Test func aNodeWithoutEdgesHasNoValues() {
        let inputs = NodeInputs(values: [], sources: [])
        #expect(inputs.isEmpty)
        #expect(inputs.count == 0)
        #expect(inputs.values.isEmpty)
        #expect(inputs.first == nil)
        #expect(inputs.value(at: 0, as: Int.self) == nil)
        #expect(inputs["x"] == nil)
    }

    @Test func aSingleValueReadsByPositionSourceAndPort() {
        let inputs = NodeInputs(values: [7], sources: [.node("a")], ports: ["left"])
        #expect(inputs.count == 1)
        #expect(inputs[0] as? Int == 7)
        #expect(inputs.values.map { $0 as? Int } == [7])
        #expect(inputs.value(from: .node("a")) as? Int == 7)
        #expect(inputs.value(from: .node("b")) == nil)
        #expect(inputs["left"] as? Int == 7)
        #expect(inputs.value(at: 0, as: String.self) == nil)
        #expect(inputs.value(at: 1, as: Int.self) == nil)
    }

    @Test func severalValuesKeepTheirConnectionOrder() {
        let inputs = NodeInputs(
            values: [1, "two", 3.0],
            sources: [.input("x"), .node("b"), .field(node: "c", field: "score")]
        )
        #expect(inputs.count == 3)
        #expect(inputs.map { String(describing: $0) } == ["1", "two", "3.0"])
        #expect(inputs.ports == inputs.sources.map(\.defaultPort))
        #expect(inputs.value(from: .node("b")) as? String == "two")
        #expect(inputs.value(at: 2, as: Double.self) == 3.0)
        #expect(inputs.last as? Double == 3.0)
    }

    @Test func replacingTheValuesChangesWhatIsRead() {
        var inputs = NodeInputs(values: [1, 2], sources: [.node("a"), .node("b")])
        inputs.values = [5]
        #expect(inputs.count == 1)
        #expect(inputs[0] as? Int == 5)
        inputs.values = [6, 7, 8]
        #expect(inputs.compactMap { $0 as? Int } == [6, 7, 8])
        inputs.values = []
        #expect(inputs.isEmpty)
    }
}
