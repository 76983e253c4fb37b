import Ember
import Foundation
import Testing

/// API keys go into HTTP headers, so a space or a control character in one is refused
/// wherever the key comes from, and the error never shows the key.
@Suite("API key validation")
struct APIKeyValidationTests {
    static let defects: [(text: String, named: String)] = [
        ("sk-abc\nX-Injected: yes", "a line feed (LF)"),
        ("sk-abc\r\nX-Injected: yes", "a carriage return (CR)"),
        ("sk-abc\tdef", "a tab"),
        ("sk-abc\0def", "a NUL character"),
        ("sk-abc def", "a space"),
        ("sk-abc\u{7F}def", "U+007F"),
    ]

    @Test("a key variable with a space or control character is an error naming it",
          arguments: defects)
    func environmentVariable(_ defect: (text: String, named: String)) throws {
        let fixture = try ConfigurationFixture()
        let error = try #require(throws: ConfigurationError.self) {
            try fixture.settings(["OPENAI_API_KEY": defect.text])
        }
        #expect(error.source == .environment("OPENAI_API_KEY"))
        #expect(error.key == "providers.openai.api_key")
        #expect(error.description.hasPrefix("The environment variable OPENAI_API_KEY is"))
        #expect(error.description.contains(defect.named))
        #expect(error.description.contains("without spaces, tabs, line breaks"))
        #expect(!error.description.contains("sk-abc"))
        #expect(!error.description.contains("Injected"))
    }

    @Test("a line break around a key is trimmed; a plain key is kept")
    func surroundingLineBreakIsTrimmed() throws {
        let fixture = try ConfigurationFixture()
        let settings = try fixture.settings(["ANTHROPIC_API_KEY": "sk-ant-abc\n"])
        #expect(settings.anthropicAPIKey == "sk-ant-abc")
        #expect(try fixture.settings(["GEMINI_API_KEY": "AIza_x-y.z"]).geminiAPIKey
            == "AIza_x-y.z")
    }

    @Test("a key in a configuration file with a line break names the file and the key")
    func fileValue() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(#"{"endpoints": {"vllm": {"base_url": "http://127.0.0.1:1/v1", "#
            + #""api_key": "sk-abc\r\nX-Injected: file"}}}"#, to: fixture.userFile)
        let error = try #require(throws: ConfigurationError.self) { try fixture.settings() }
        #expect(error.source == .file(fixture.userFile))
        #expect(error.key == "endpoints.vllm.api_key")
        #expect(error.description.contains("a carriage return (CR)"))
        #expect(!error.description.contains("Injected"))
    }

    @Test("an endpoint's api_key_env variable is checked too")
    func endpointKeyVariable() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(#"{"endpoints": {"vllm": {"base_url": "http://127.0.0.1:1/v1", "#
            + #""api_key_env": "VLLM_KEY"}}}"#, to: fixture.userFile)
        #expect(try fixture.settings(["VLLM_KEY": "token-1\n"]).endpoints["vllm"]?.apiKey
            == "token-1")
        let error = try #require(throws: ConfigurationError.self) {
            try fixture.settings(["VLLM_KEY": "token-1\nX-Injected: env"])
        }
        #expect(error.source == .environment("VLLM_KEY"))
        #expect(error.key == "endpoints.vllm.api_key")
        #expect(error.description.contains("VLLM_KEY"))
        #expect(error.description.contains("a line feed (LF)"))
        #expect(!error.description.contains("Injected"))
    }

    @Test("config set refuses an interior line break and writes nothing")
    func fileEditor() throws {
        let fixture = try ConfigurationFixture()
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationFileEditor.set(
                "providers.openai.api_key", to: "sk-abc\nX-Injected: yes\n",
                inFile: fixture.userFile, home: fixture.home,
                workingDirectory: fixture.workingDirectory)
        }
        #expect(error.source == nil)
        #expect(error.message.hasPrefix("providers.openai.api_key is 'a secret of"))
        #expect(error.message.contains("a line feed (LF)"))
        #expect(!error.message.contains("Injected"))
        #expect(!FileManager.default.fileExists(atPath: fixture.userFile))
    }

    @Test("an override with a line break in a key is refused")
    func override() throws {
        let settings = try ConfigurationFixture().settings()
        #expect(throws: ConfigurationError.self) {
            try settings.overriding { $0.openAIAPIKey = "sk-abc\nX-Injected: yes" }
        }
    }
}
