import EmberEval
import Testing

@Suite("Evaluator registry")
struct EvaluatorRegistryTests {
    let registry = EvaluatorRegistry.standard

    @Test("the standard evaluators are listed with a summary each")
    func listing() {
        #expect(registry.names == [
            "choice", "code", "exact", "math", "normalized", "numeric", "regex", "yes-no",
        ])
        #expect(registry.entries.allSatisfy { !$0.summary.isEmpty && !$0.summary.contains("\n") })
    }

    @Test("each name makes the evaluator of that name", arguments: [
        "exact", "normalized", "numeric", "choice", "math", "yes-no", "code", "Numeric",
    ])
    func make(name: String) throws {
        #expect(try registry.make(name).name == name.lowercased())
    }

    @Test("regex needs a pattern, and a good one")
    func regex() throws {
        let made = try registry.make("regex", settings: EvaluatorSettings(pattern: "A: (\\w+)"))
        #expect(made.name == "regex")
        #expect {
            _ = try registry.make("regex")
        } throws: { error in
            "\(error)" == "The evaluator 'regex' needs a pattern, such as 'Answer: (\\w+)'."
        }
        #expect(throws: EvaluatorError.self) {
            _ = try registry.make("regex", settings: EvaluatorSettings(pattern: "(unclosed"))
        }
    }

    @Test("settings reach the evaluator")
    func settings() async throws {
        let numeric = try registry.make(
            "numeric", settings: EvaluatorSettings(tolerance: NumericTolerance(absolute: 0.5)))
        #expect((numeric as? NumericEvaluator)?.tolerance.absolute == 0.5)
    }

    @Test("an unknown name is an error that suggests close names and lists all")
    func unknown() {
        #expect {
            _ = try registry.make("numberic")
        } throws: { error in
            guard let error = error as? EvaluatorError else { return false }
            return error.suggestions == ["numeric"]
                && error.description == "No evaluator is named 'numberic'. Did you mean "
                    + "'numeric'? The known evaluators are choice, code, exact, math, "
                    + "normalized, numeric, regex, yes-no."
        }
    }

    @Test("a registry can be extended without changing the standard one")
    func extending() throws {
        var custom = EvaluatorRegistry.standard
        custom.register("strict", summary: "Exact match.") { _ in ExactMatchEvaluator() }
        #expect(try custom.make("strict").name == "exact")
        #expect(!EvaluatorRegistry.standard.names.contains("strict"))
    }
}
