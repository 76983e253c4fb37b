import Testing
import EmberModels

@Suite("Model ids")
struct ModelIDTests {
    @Test("provider/model splits at the first slash", arguments: [
        ("local/smollm2", "local", "smollm2"),
        ("openai/gpt-4o-mini", "openai", "gpt-4o-mini"),
        ("local/org/name.gguf", "local", "org/name.gguf"),
    ])
    func parses(text: String, provider: String, model: String) throws {
        let id = try ModelID(parsing: text)
        #expect(id.provider == provider)
        #expect(id.model == model)
        #expect(id.description == text)
    }

    @Test("an id without both parts is rejected with an example of the form",
          arguments: ["gpt-4o", "/gpt-4o", "openai/", ""])
    func rejects(text: String) {
        let error = #expect(throws: ModelError.self) { try ModelID(parsing: text) }
        #expect(error?.description.contains("provider/model") == true)
        #expect(error?.description.contains("'\(text)'") == true)
    }

    @Test("the service names the known providers when asked for an unknown one")
    func unknownProvider() async {
        let service = ModelService(providers: [:])
        let error = await #expect(throws: ModelError.self) {
            try await service.complete(ModelRequest(prompt: "x"), model: "nope/model")
        }
        #expect(error?.description.contains("'nope'") == true)
    }
}
