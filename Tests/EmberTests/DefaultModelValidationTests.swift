import Ember
import Foundation
import Testing

/// The `model` setting names a `provider/model` id or an alias, checked like an alias's
/// target, so that a typo fails where it was made rather than in every later run.
@Suite("The default model setting")
struct DefaultModelValidationTests {
    static let expected = "expected a model id written provider/model, like "
        + "openai/gpt-4o-mini, or an alias ('ember models' lists them; aliases.NAME adds one)."

    @Test("an id, a built-in alias and a configured alias (any case) are accepted")
    func accepted() throws {
        let fixture = try ConfigurationFixture()
        #expect(try fixture.settings(["EMBER_MODEL": "acme/m1"]).defaultModel == "acme/m1")
        #expect(try fixture.settings(["EMBER_MODEL": "smollm2"]).defaultModel == "smollm2")
        try fixture.write(#"{"aliases": {"fast": "openai/gpt-4o-mini"}}"#,
                          to: fixture.projectFile)
        #expect(try fixture.settings(["EMBER_MODEL": "FAST"]).defaultModel == "FAST")
    }

    @Test("an unknown bare name is an error naming where it was set")
    func refused() throws {
        let fixture = try ConfigurationFixture()
        var error = try #require(throws: ConfigurationError.self) {
            try fixture.settings(["EMBER_MODEL": "bogus"])
        }
        #expect(error.description
            == "The environment variable EMBER_MODEL is 'bogus'; \(Self.expected)")

        try fixture.write(#"{"model": "bogus"}"#, to: fixture.userFile)
        error = try #require(throws: ConfigurationError.self) { try fixture.settings() }
        #expect(error.description == "\(fixture.userFile): model is \"bogus\"; \(Self.expected)")

        try FileManager.default.removeItem(atPath: fixture.userFile)
        error = try #require(throws: ConfigurationError.self) {
            try fixture.settings().overriding { $0.defaultModel = "bogus" }
        }
        #expect(error.source == .override)
        #expect(error.key == "model")
    }

    @Test("config set checks the model against Ember's aliases, the file's and those given")
    func fileEditor() throws {
        let fixture = try ConfigurationFixture()
        func set(_ value: String, aliases: Set<String> = []) throws {
            try ConfigurationFileEditor.set("model", to: value, inFile: fixture.userFile,
                                            home: fixture.home,
                                            workingDirectory: fixture.workingDirectory,
                                            aliases: aliases)
        }
        let error = try #require(throws: ConfigurationError.self) { try set("bogus") }
        #expect(error.source == nil)
        #expect(error.message == "model is 'bogus'; \(Self.expected)")
        #expect(!FileManager.default.fileExists(atPath: fixture.userFile))

        try set("openai/gpt-4o")
        try set("gpt-4o-mini")
        try set("mine", aliases: ["mine"])
        try ConfigurationFileEditor.set("aliases.fast", to: "openai/gpt-4o-mini",
                                        inFile: fixture.userFile, home: fixture.home,
                                        workingDirectory: fixture.workingDirectory)
        try set("fast")
        #expect(try fixture.settings().defaultModel == "fast")
    }
}
