import EmberOperators
import Testing

@Suite struct ModuleTests {
    @Test func reexportsTheEngine() {
        // The engine's types are visible through EmberOperators alone.
        let descriptor = OperatorDescriptor(name: "Echo", input: "String", output: "String")
        #expect(descriptor.description == "Echo: String -> String")
    }
}
