extension OperatorRegistry {
    /// The NON operators, by name: `UniformEnsemble` (setting `count`, default 3),
    /// `MostCommon` (setting `kind`: text, number, choice or code), `JudgeSynthesis`,
    /// `Verifier` and `SelectorJudge`. Every one but `MostCommon` needs the
    /// configuration's model caller.
    public static let standard: OperatorRegistry = {
        var registry = OperatorRegistry()
        registry.register("UniformEnsemble",
                          summary: "Sends a prompt to COUNT samples of one model, concurrently.") {
            configuration in
            UniformEnsemble(count: try configuration.setting("count", as: Int.self) ?? 3,
                            caller: try configuration.modelCaller())
        }
        registry.register("MostCommon",
                          summary: "Majority vote over answers; ties and margins reported.") {
            configuration in
            MostCommon(kind: try configuration.setting("kind", as: AnswerKind.self) ?? .text)
        }
        registry.register("JudgeSynthesis",
                          summary: "Reasons over candidate answers and writes a final one.") {
            configuration in
            JudgeSynthesis(caller: try configuration.modelCaller())
        }
        registry.register("Verifier",
                          summary: "Judges one answer correct or incorrect, and revises it.") {
            configuration in
            Verifier(caller: try configuration.modelCaller())
        }
        registry.register("SelectorJudge",
                          summary: "Picks the best of the candidate answers by number.") {
            configuration in
            SelectorJudge(caller: try configuration.modelCaller())
        }
        return registry
    }()
}
