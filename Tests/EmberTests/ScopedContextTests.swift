import Ember
import EmberTestSupport
import Foundation
import Synchronization
import Testing

@Suite("The current context and scoped overrides")
struct ScopedContextTests {
    /// A context over settings from a temporary home, its database inside it.
    static func context(_ environment: [String: String] = [:]) throws -> EmberContext {
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-context-\(UUID().uuidString)").path
        return EmberContext(settings: try EmberSettings(
            environment: ["HOME": home, "EMBER_DB": home + "/ember.db"]
                .merging(environment) { $1 }))
    }

    @Test("withContext applies to the operation and every child task, and to nothing outside")
    func currentContext() async throws {
        #expect(EmberContext.current == nil)
        let context = try Self.context(["EMBER_MODEL": "openai/gpt-4o"])
        let seen = try await withContext(context) {
            try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<4 {
                    group.addTask { EmberContext.current?.settings.defaultModel }
                }
                group.addTask {
                    async let nested = Task { EmberContext.current?.settings.defaultModel }.value
                    return await nested
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(seen == Array(repeating: "openai/gpt-4o", count: 5))
        #expect(EmberContext.current == nil)
        let detached = await withContext(context) {
            await Task.detached { EmberContext.current == nil }.value
        }
        #expect(detached)
    }

    @Test("withOverrides changes settings inside, not outside nor in sibling tasks")
    func scopedOverrides() async throws {
        let context = try Self.context()
        try await withContext(context) {
            try await withThrowingTaskGroup(of: (String, String).self) { group in
                group.addTask {
                    try await withOverrides({ $0.defaultModel = "openai/gpt-4o-mini" }) {
                        try await withThrowingTaskGroup(of: String.self) { inner in
                            inner.addTask { EmberContext.current!.settings.defaultModel }
                            let model = try await inner.next()!
                            let source = EmberContext.current!.settings.source(of: "model")
                            return (model, "\(source)")
                        }
                    }
                }
                group.addTask {
                    let current = EmberContext.current!
                    return (current.settings.defaultModel,
                            "\(current.settings.source(of: "model"))")
                }
                let results = try await group.reduce(into: Set<String>()) {
                    $0.insert("\($1.0) \($1.1)")
                }
                #expect(results == ["openai/gpt-4o-mini override", "local/smollm2 default"])
            }
            #expect(EmberContext.current?.settings.defaultModel == "local/smollm2")
        }
    }

    @Test("an override rewires the services: a new endpoint is a provider, the ledger is kept")
    func overridesRewire() throws {
        let context = try Self.context()
        let overridden = try context.overriding {
            $0.endpoints["myvllm"] = ProviderSettings(baseURL: "http://127.0.0.1:9/v1")
            $0.openAI.apiKey = "sk-override"
        }
        #expect(overridden.models.providerNames.contains("myvllm"))
        #expect(overridden.models.providerNames.contains("openai"))
        #expect(!context.models.providerNames.contains("myvllm"))
        #expect(overridden.settings.source(of: "endpoints.myvllm.base_url") == .override)
        #expect(overridden.settings.source(of: "providers.openai.api_key") == .override)
        #expect(overridden.httpClient === context.httpClient)
        #expect(overridden.ledger != nil)
    }

    @Test("a bad override names the key; with no current context there is nothing to override")
    func badOverrides() async throws {
        let context = try Self.context()
        let error = #expect(throws: ConfigurationError.self) {
            try context.overriding { $0.openAI.timeout = -1 }
        }
        #expect(error?.description == "In a scoped override: providers.openai.timeout is '-1'; "
            + "expected a number of seconds above 0.")
        await #expect(throws: EmberContextError.self) {
            try await withOverrides({ $0.defaultModel = "a/b" }) {}
        }
    }

    @Test("organization, attempts and timeout from the configuration reach the wire")
    func providerSettingsOnTheWire() async throws {
        let calls = Mutex(0)
        let server = try LoopbackHTTPServer.start { request in
            let call = calls.withLock { count in
                count += 1
                return count
            }
            if request.body.count > 0, call == 1 {
                return .json(#"{"error":{"message":"overloaded"}}"#, status: 503)
            }
            return .json(#"""
                {"choices":[{"message":{"content":"hello"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":1}}
                """#)
        }
        defer { server.stop() }
        let context = try Self.context().overriding {
            $0.openAI.baseURL = server.baseURL + "/v1"
            $0.openAI.apiKey = "sk-test"
            $0.openAI.organization = "org-42"
            $0.openAI.maximumAttempts = 2
        }
        let response = try await context.models.complete(ModelRequest(prompt: "hi"),
                                                         model: "openai/gpt-4o-mini")
        #expect(response.text == "hello")
        #expect(server.requests.count == 2)
        #expect(server.requests.last?.header("OpenAI-Organization") == "org-42")
        #expect(server.requests.last?.header("Authorization") == "Bearer sk-test")

        let stalling = try LoopbackHTTPServer.start { _ in .stall(.seconds(10)) }
        defer { stalling.stop() }
        let impatient = try context.overriding {
            $0.openAI.baseURL = stalling.baseURL + "/v1"
            $0.openAI.timeout = 0.5
            $0.openAI.maximumAttempts = 1
        }
        let start = ContinuousClock.now
        await #expect(throws: (any Error).self) {
            try await impatient.models.complete(ModelRequest(prompt: "hi"),
                                                model: "openai/gpt-4o-mini")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(stalling.requests.count == 1)
    }
}
