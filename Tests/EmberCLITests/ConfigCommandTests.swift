import EmberTestSupport
import Foundation
import Testing

/// `ember config` run as a user would: in a temporary home, from a temporary working
/// directory inside a project, with nothing of the machine's configuration.
@Suite("ember config")
struct ConfigCommandTests {
    /// A temporary home, and a project whose subdirectory the commands run in.
    final class Sandbox {
        let root: URL
        var home: String { root.appendingPathComponent("home").path }
        var project: String { root.appendingPathComponent("project").path }
        var workingDirectory: String { project + "/src" }
        var userFile: String { home + "/.ember/config.json" }

        init() throws {
            root = FileManager.default.temporaryDirectory
                .appendingPathComponent("ember-config-cli-\(UUID().uuidString)")
            for directory in [home, workingDirectory] {
                try FileManager.default.createDirectory(atPath: directory,
                                                        withIntermediateDirectories: true)
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// Runs `ember` in the working directory with this home, the variables that would
        /// configure it from the machine removed, plus `environment`.
        func ember(_ arguments: [String], environment: [String: String] = [:],
                   input: String? = nil) async throws -> CommandResult {
            var variables = ProcessInfo.processInfo.environment.filter { name, _ in
                !name.hasPrefix("EMBER_") && !name.hasPrefix("OPENAI_")
                    && !name.hasPrefix("ANTHROPIC_") && !name.hasPrefix("GEMINI_")
                    && name != "GOOGLE_API_KEY" && name != "XDG_CACHE_HOME"
            }
            variables["HOME"] = home
            variables["EMBER_DB"] = root.appendingPathComponent("ember.db").path
            variables.merge(environment) { $1 }
            return try await CommandRunner.run(TestEnvironment.emberBinary, arguments,
                                               environment: variables,
                                               directory: workingDirectory,
                                               input: input ?? "")
        }

        func write(_ json: String, to path: String) throws {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try json.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    @Test("set writes the user file with mode 0600; list shows the source and masks the key")
    func setListGetUnset() async throws {
        let sandbox = try Sandbox()
        let key = "sk-test-\(UUID().uuidString.prefix(8))cdef"
        let set = try await sandbox.ember(["config", "set", "providers.openai.api_key", key])
        #expect(set.status == 0, "\(set.standardError)")
        #expect(set.standardOutput.contains("Set providers.openai.api_key to sk-…cdef in "
            + "~/.ember/config.json."))
        #expect(!set.standardOutput.contains(key))
        let timeout = try await sandbox.ember(["config", "set", "providers.openai.timeout",
                                               "30"])
        #expect(timeout.status == 0)

        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.userFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let directory = try FileManager.default.attributesOfItem(
            atPath: (sandbox.userFile as NSString).deletingLastPathComponent)
        #expect((directory[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: sandbox.userFile))) as? [String: Any]
        let openAI = (json?["providers"] as? [String: Any])?["openai"] as? [String: Any]
        #expect(openAI?["api_key"] as? String == key)
        #expect(openAI?["timeout"] as? Int == 30)

        let list = try await sandbox.ember(["config", "list"])
        #expect(list.status == 0, "\(list.standardError)")
        #expect(!list.standardOutput.contains(key))
        let lines = list.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(lines.first == "KEY VALUE SOURCE")
        #expect(lines.contains("providers.openai.api_key sk-…cdef ~/.ember/config.json"))
        #expect(lines.contains("providers.openai.timeout 30 ~/.ember/config.json"))
        #expect(lines.contains("providers.anthropic.timeout 600 default"))
        #expect(lines.contains("model local/smollm2 default"))

        let get = try await sandbox.ember(["config", "get", "providers.openai.timeout"])
        #expect(get.status == 0)
        #expect(get.standardOutput == "30\n")
        let masked = try await sandbox.ember(["config", "get", "providers.openai.api_key"])
        #expect(masked.standardOutput == "sk-…cdef\n")
        let shown = try await sandbox.ember(["config", "get", "providers.openai.api_key",
                                             "--show-secrets"])
        #expect(shown.standardOutput == key + "\n")

        let unset = try await sandbox.ember(["config", "unset", "providers.openai.timeout"])
        #expect(unset.status == 0)
        #expect(unset.standardOutput.contains("Removed providers.openai.timeout from "
            + "~/.ember/config.json."))
        let text = try String(contentsOfFile: sandbox.userFile, encoding: .utf8)
        #expect(!text.contains("timeout"))
        let after = try await sandbox.ember(["config", "get", "providers.openai.timeout"])
        #expect(after.standardOutput == "600\n")
        let none = try await sandbox.ember(["config", "get", "budget.dollars"])
        #expect(none.status == 1)
        #expect(none.standardError.contains("budget.dollars is not set."))
    }

    @Test("a key given on standard input stays out of the arguments")
    func setFromStandardInput() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.ember(
            ["config", "set", "providers.anthropic.api_key", "-"],
            input: "sk-ant-from-stdin-0123\n")
        #expect(result.status == 0, "\(result.standardError)")
        let shown = try await sandbox.ember(["config", "get", "providers.anthropic.api_key",
                                             "--show-secrets"])
        #expect(shown.standardOutput == "sk-ant-from-stdin-0123\n")
    }

    @Test("a bad value, an unknown key and a broken file are errors saying what is wrong")
    func errors() async throws {
        let sandbox = try Sandbox()
        let bad = try await sandbox.ember(["config", "set", "providers.openai.timeout", "fast"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("Error: providers.openai.timeout is 'fast'; "
            + "expected a number of seconds above 0."))
        #expect(bad.standardError.contains("Usage: ember config set <key> <value>"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.userFile))

        let unknown = try await sandbox.ember(["config", "get", "providers.openai.tiemout"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("Error: unknown key providers.openai.tiemout; "
            + "did you mean providers.openai.timeout?"))

        try sandbox.write("{\n  \"model\": \"openai/gpt-4o\",\n  \"log\": {\"level\": loud}\n}",
                          to: sandbox.project + "/ember.json")
        let broken = try await sandbox.ember(["config", "list"])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains(
            "Error: \(sandbox.project)/ember.json: not valid JSON at line 3, column 20"))

        try sandbox.write(#"{"log": {"level": "loud"}}"#, to: sandbox.project + "/ember.json")
        let wrong = try await sandbox.ember(["models"])
        #expect(wrong.status == 1)
        #expect(wrong.standardError.contains("Error: \(sandbox.project)/ember.json: log.level "
            + "is \"loud\"; expected trace, debug, info, notice, warning, error, critical."))
    }

    @Test("a project ember.json beats the user file, and the environment beats both")
    func precedence() async throws {
        let sandbox = try Sandbox()
        let set = try await sandbox.ember(["config", "set", "model", "openai/gpt-4o"])
        #expect(set.status == 0)
        #expect(try await sandbox.ember(["config", "get", "model"]).standardOutput
            == "openai/gpt-4o\n")

        let projectFile = sandbox.project + "/ember.json"
        try sandbox.write(#"{"model": "anthropic/claude-sonnet-4-0"}"#, to: projectFile)
        #expect(try await sandbox.ember(["config", "get", "model"]).standardOutput
            == "anthropic/claude-sonnet-4-0\n")
        let list = try await sandbox.ember(["config", "list"])
        #expect(list.standardOutput.split(separator: "\n").contains {
            $0.hasPrefix("model ") && $0.hasSuffix(projectFile)
        })
        let path = try await sandbox.ember(["config", "path"])
        #expect(path.standardOutput == "user     \(sandbox.userFile)\n"
            + "project  \(projectFile)\n")
        // Setting the key again says the project file still decides it.
        let shadowed = try await sandbox.ember(["config", "set", "model",
                                                "gemini/gemini-2.0-flash"])
        #expect(shadowed.standardError.contains("Note: \(projectFile) also sets model, and "
            + "takes precedence."))

        let environment = ["EMBER_MODEL": "local/smollm2"]
        #expect(try await sandbox.ember(["config", "get", "model"], environment: environment)
            .standardOutput == "local/smollm2\n")
        let fromVariable = try await sandbox.ember(["config", "list"], environment: environment)
        #expect(fromVariable.standardOutput.split(separator: "\n").contains {
            $0.hasPrefix("model ") && $0.hasSuffix("$EMBER_MODEL")
        })
    }

    @Test("ember config set of a base URL and a key makes ember ask reach that server")
    func askThroughConfiguredProvider() async throws {
        let server = try LoopbackHTTPServer.start { _ in
            .json(#"""
                {"choices":[{"message":{"content":"Hello from the loopback."},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":4}}
                """#)
        }
        defer { server.stop() }
        let sandbox = try Sandbox()
        for (key, value) in [("providers.openai.base_url", server.baseURL + "/v1"),
                             ("providers.openai.api_key", "sk-config-test-0000"),
                             ("providers.openai.organization", "org-config"),
                             ("model", "openai/gpt-4o-mini")] {
            let set = try await sandbox.ember(["config", "set", key, value])
            #expect(set.status == 0, "\(set.standardError)")
        }
        let ask = try await sandbox.ember(["ask", "openai/gpt-4o-mini", "hi"])
        #expect(ask.status == 0, "\(ask.standardError)")
        #expect(ask.standardOutput == "Hello from the loopback.\n")
        let request = try #require(server.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("Authorization") == "Bearer sk-config-test-0000")
        #expect(request.header("OpenAI-Organization") == "org-config")

        // The `model` setting is the default of nodes that name none.
        let run = try await sandbox.ember(["run", "1E", "--query", "hi"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(server.requests.count == 2)
        let body = try JSONSerialization.jsonObject(with: server.requests[1].body)
            as? [String: Any]
        #expect(body?["model"] as? String == "gpt-4o-mini")
    }

    @Test("data.directory is the default of --data-dir, and the flag wins over it")
    func dataDirectory() async throws {
        let sandbox = try Sandbox()
        let missing = sandbox.root.appendingPathComponent("no-such-data").path
        let set = try await sandbox.ember(["config", "set", "data.directory", missing])
        #expect(set.status == 0)
        let configured = try await sandbox.ember(["datasets"])
        #expect(configured.status == 1)
        #expect(configured.standardError.contains(missing))
        let flag = try await sandbox.ember(["datasets", "--data-dir", sandbox.workingDirectory])
        #expect(flag.status == 0, "\(flag.standardError)")
    }

    @Test("an API key with a line break inside is refused from stdin and from a variable")
    func keyWithLineBreak() async throws {
        let sandbox = try Sandbox()
        let set = try await sandbox.ember(["config", "set", "providers.openai.api_key", "-"],
                                          input: "sk-abc\nX-Injected: yes\n")
        #expect(set.status == 64)
        #expect(set.standardError.contains("Error: providers.openai.api_key is 'a secret of"))
        #expect(set.standardError.contains("a line feed (LF)"))
        #expect(set.standardError.contains("without spaces, tabs, line breaks"))
        #expect(!set.standardError.contains("Injected") && !set.standardOutput.contains("Set"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.userFile))
        // The line end that printf or echo adds is only trimmed.
        let trailing = try await sandbox.ember(
            ["config", "set", "providers.openai.api_key", "-"], input: "sk-abc\n")
        #expect(trailing.status == 0, "\(trailing.standardError)")

        let server = try LoopbackHTTPServer.start { _ in .json("{}") }
        defer { server.stop() }
        let ask = try await sandbox.ember(
            ["ask", "openai/gpt-4o-mini", "hi"],
            environment: ["OPENAI_API_KEY": "sk-abc\nX-Injected: env",
                          "OPENAI_BASE_URL": server.baseURL + "/v1"])
        #expect(ask.status == 1)
        #expect(ask.standardError.contains("The environment variable OPENAI_API_KEY is"))
        #expect(ask.standardError.contains("a line feed (LF)"))
        #expect(!ask.standardError.contains("Injected"))
        #expect(server.requests.isEmpty)
    }

    @Test("set model refuses a bare name that is no alias, as set aliases.NAME does")
    func setModel() async throws {
        let sandbox = try Sandbox()
        let bogus = try await sandbox.ember(["config", "set", "model", "bogus"])
        #expect(bogus.status == 64)
        #expect(bogus.standardError.hasPrefix("Error: model is 'bogus'; expected a model id "
            + "written provider/model, like openai/gpt-4o-mini, or an alias"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.userFile))

        // An alias the project file defines may be named.
        try sandbox.write(#"{"aliases": {"fast": "openai/gpt-4o-mini"}}"#,
                          to: sandbox.project + "/ember.json")
        for model in ["fast", "smollm2", "openai/gpt-4o"] {
            let set = try await sandbox.ember(["config", "set", "model", model])
            #expect(set.status == 0, "\(model): \(set.standardError)")
        }
    }
}
