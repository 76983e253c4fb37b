import EmberModels
import EmberOperators
import EmberTestSupport
import EmberXCS
import Testing

/// Repeats its input a set number of times.
private struct Repeat: Operator {
    var count: Int

    func run(_ input: String) async throws -> String {
        String(repeating: input, count: count)
    }
}

private struct Topic: Codable, Sendable {
    var topic: String
}

@Suite(.timeLimit(.minutes(1)))
struct OperatorRegistryTests {
    func registry() -> OperatorRegistry {
        var registry = OperatorRegistry()
        registry.register("repeat", summary: "Repeats its input.") { configuration in
            Repeat(count: try configuration.setting("count", as: Int.self) ?? 2)
        }
        registry.register("haiku") { configuration in
            ModelOperator(try PromptSpecification<Topic, String>("A haiku on {topic}."),
                          caller: try configuration.modelCaller(), name: "Haiku")
        }
        return registry
    }

    @Test func listsEntriesByNameWithTheirDescriptors() {
        let registry = registry()
        #expect(registry.names == ["haiku", "repeat"])
        let entry = registry.entries[1]
        #expect(entry.name == "repeat")
        #expect(entry.descriptor == OperatorDescriptor(name: "Repeat", input: "String",
                                                       output: "String",
                                                       summary: "Repeats its input."))
        #expect(registry.entries[0].descriptor.input == "Topic")
    }

    @Test func makesATypedOperatorFromItsConfiguration() async throws {
        let repeated = try registry().make(
            "repeat", input: String.self, output: String.self,
            configuration: OperatorConfiguration(settings: ["count": .integer(3)]))
        let thrice = try await repeated("ab")
        #expect(thrice == "ababab")
        let byDefault = try registry().make("repeat", input: String.self, output: String.self)
        let twice = try await byDefault("ab")
        #expect(twice == "abab")
    }

    @Test func makesAModelOperatorWithTheConfiguredCaller() async throws {
        let provider = ScriptedModelProvider { prompt, _ in "Reply to: \(prompt)" }
        let caller = ModelCaller(service: provider.service(),
                                 model: ModelID(provider: "test", model: "m"))
        let haiku = try registry().make("haiku", input: Topic.self, output: String.self,
                                        configuration: OperatorConfiguration(caller: caller))
        #expect(try await haiku(Topic(topic: "rain")) == "Reply to: A haiku on rain.")
        #expect(haiku.descriptor.name == "Haiku")
    }

    @Test func anUnknownNameListsCloseAndRegisteredNames() {
        let error = #expect(throws: OperatorRegistryError.self) {
            try registry().lookup("repaet")
        }
        #expect(error?.operatorName == "repaet")
        #expect(error?.suggestions == ["repeat"])
        #expect(error?.description.contains("Did you mean 'repeat'?") == true)
        #expect(error?.description.contains("haiku, repeat") == true)
    }

    @Test func otherTypesThanRegisteredAreAnErrorNamingBoth() {
        let error = #expect(throws: OperatorRegistryError.self) {
            try registry().make("haiku", input: String.self, output: String.self)
        }
        #expect(error?.description.contains("takes Topic and returns String") == true)
        #expect(error?.description.contains("not String -> String") == true)
    }

    @Test func anOperatorRegisteredByDescriptorIsCheckedWhenBuilt() async throws {
        var registry = OperatorRegistry()
        let descriptor = OperatorDescriptor(name: "Repeat", input: "String", output: "String")
        registry.register("twice", descriptor: descriptor) { _ in Repeat(count: 2) }

        let twice = try registry.make("twice", input: String.self, output: String.self)
        #expect(try await twice("x") == "xx")
        #expect(throws: OperatorRegistryError.self) {
            try registry.make("twice", input: Int.self, output: String.self)
        }
    }

    @Test func aFactoryErrorNamesTheOperator() {
        let missingModel = #expect(throws: OperatorRegistryError.self) {
            try registry().make("haiku")
        }
        #expect(missingModel?.operatorName == "haiku")
        #expect(missingModel?.description.contains("set OperatorConfiguration.caller") == true)

        let badSetting = #expect(throws: OperatorRegistryError.self) {
            let settings: [String: JSONValue] = ["count": .string("x")]
            return try registry().make("repeat",
                                       configuration: OperatorConfiguration(settings: settings))
        }
        #expect(badSetting?.description.contains("'count' of the operator 'repeat'") == true)
    }

    @Test func registeringOnACopyLeavesTheOriginal() {
        let original = registry()
        var copy = original
        copy.register("again") { _ in Repeat(count: 1) }
        #expect(original.names == ["haiku", "repeat"])
        #expect(copy.names == ["again", "haiku", "repeat"])
    }
}

@Suite struct StandardOperatorRegistryTests {
    @Test func listsTheNONOperatorsWithTheirTypes() {
        let entries = OperatorRegistry.standard.entries
        #expect(entries.map(\.name) == [
            "JudgeSynthesis", "MostCommon", "SelectorJudge", "UniformEnsemble", "Verifier",
        ])
        let vote = entries.first { $0.name == "MostCommon" }?.descriptor
        #expect(vote?.input == "Array<Candidate>")
        #expect(vote?.output == "Vote")
    }

    @Test func buildsAVoteFromSettings() async throws {
        let made = try OperatorRegistry.standard.make(
            "MostCommon", input: [Candidate].self, output: Vote.self,
            configuration: OperatorConfiguration(settings: ["kind": .string("number")]))
        let vote = try await made([Candidate(text: "$18"), Candidate(text: "18.0")])
        #expect(vote.winner == "18")
        #expect(vote.votes == 2)
    }

    @Test func anEnsembleNeedsAModel() {
        #expect(throws: OperatorRegistryError.self) {
            try OperatorRegistry.standard.make("UniformEnsemble",
                                               configuration: OperatorConfiguration())
        }
    }
}
