import EmberXCS
import Testing

private struct Doubling: Operator {
    func run(_ input: Int) async throws -> Int { input * 2 }
}

@Suite struct OperatorTests {
    @Test func callsAsAFunction() async throws {
        #expect(try await Doubling()(21) == 42)
    }

    @Test func describesItselfByItsTypes() {
        let descriptor = Doubling().descriptor
        #expect(descriptor.name == "Doubling")
        #expect(descriptor.description == "Doubling: Int -> Int")
    }
}
