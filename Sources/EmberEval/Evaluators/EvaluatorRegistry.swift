import EmberModels

/// Evaluators by name, each with a one-line summary and a factory that builds it from
/// ``EvaluatorSettings``.
///
/// ``standard`` has the evaluators of this module. A value type: registering on a copy
/// leaves the original as it was.
///
/// ```swift
/// let registry = EvaluatorRegistry.standard
/// let numeric = try registry.make("numeric")
/// let regex = try registry.make(
///     "regex", settings: EvaluatorSettings(pattern: #"Answer: (\w+)"#))
/// for entry in registry.entries { print(entry.name, entry.summary) }
/// ```
public struct EvaluatorRegistry: Sendable {
    /// One registered evaluator: its name, what it does, and how to build it.
    public struct Entry: Sendable {
        /// The name it is registered as.
        public let name: String
        /// What it does, in one line.
        public let summary: String
        fileprivate let factory: @Sendable (EvaluatorSettings) throws(EvaluatorError)
            -> any Evaluator
    }

    private var entriesByName: [String: Entry] = [:]

    /// A registry with no evaluators.
    public init() {}

    /// Registers `factory` as `name` (looked up ignoring case), replacing any entry of
    /// that name. The factory runs on every ``make(_:settings:)``, not here.
    public mutating func register(
        _ name: String, summary: String,
        factory: @escaping @Sendable (EvaluatorSettings) throws(EvaluatorError) -> any Evaluator
    ) {
        entriesByName[name.lowercased()] = Entry(name: name.lowercased(), summary: summary,
                                                 factory: factory)
    }

    /// The registered names, sorted.
    public var names: [String] { entriesByName.keys.sorted() }

    /// Every entry, sorted by name.
    public var entries: [Entry] { entriesByName.values.sorted { $0.name < $1.name } }

    /// The entry registered as `name`, ignoring case.
    ///
    /// - Throws: ``EvaluatorError`` naming close registered names and all of them.
    public func lookup(_ name: String) throws(EvaluatorError) -> Entry {
        guard let entry = entriesByName[name.lowercased()] else {
            throw .unknownEvaluator(name, suggestions: closeNames(to: name), known: names)
        }
        return entry
    }

    /// Builds the evaluator registered as `name` with `settings`.
    ///
    /// - Throws: ``EvaluatorError`` for an unknown name, or a setting the evaluator needs
    ///   and does not have or cannot use (`regex` without a pattern, or a bad one).
    public func make(_ name: String, settings: EvaluatorSettings = EvaluatorSettings())
        throws(EvaluatorError) -> any Evaluator
    {
        try lookup(name).factory(settings)
    }

    /// Registered names within a few edits of `name`, or containing it, closest first.
    private func closeNames(to name: String) -> [String] {
        EmberModels.closeNames(to: name, among: names)
    }
}

extension EvaluatorRegistry {
    /// The evaluators of this module: `exact`, `normalized`, `numeric`, `choice`, `math`,
    /// `regex` (needs ``EvaluatorSettings/pattern``), `yes-no` and `code`.
    public static let standard: EvaluatorRegistry = {
        var registry = EvaluatorRegistry()
        registry.register("exact", summary: "The response is the gold answer, character "
            + "for character (surrounding whitespace aside).") { _ in ExactMatchEvaluator() }
        registry.register("normalized", summary: "The answer equals the gold answer "
            + "ignoring case, punctuation, articles, spacing and an 'Answer:' prefix.") { _ in
            NormalizedMatchEvaluator()
        }
        registry.register("numeric", summary: "The final number (after ####, in \\boxed, "
            + "after 'answer is', else the last) equals the gold number.") { settings in
            NumericEvaluator(tolerance: settings.tolerance)
        }
        registry.register("choice", summary: "The option chosen, however marked, is the "
            + "gold label; hedging between options is no answer.") { _ in
            MultipleChoiceEvaluator()
        }
        registry.register("math", summary: "The last \\boxed{} or 'answer is' expression "
            + "equals the gold LaTeX answer, by value where both are numbers.") { _ in
            MathEvaluator()
        }
        registry.register("regex", summary: "The pattern's first capture group, "
            + "normalised, equals the gold answer; needs a pattern.") {
            settings throws(EvaluatorError) -> any Evaluator in
            guard let pattern = settings.pattern else {
                throw .missingSetting("pattern", of: "regex", example: #"'Answer: (\w+)'"#)
            }
            return try RegexEvaluator(pattern: pattern, ignoresCase: settings.ignoresCase)
        }
        registry.register("yes-no", summary: "The last explicit Yes or No verdict is the "
            + "gold one; both or neither is no answer.") { _ in YesNoEvaluator() }
        registry.register("code", summary: "The Python completion passes the record's "
            + "tests in a sandboxed python3 process (10 s, 1 GiB).") { settings in
            CodeExecutionEvaluator(sandbox: settings.sandbox,
                                   maximumConcurrentRuns: settings.maximumConcurrentRuns)
        }
        return registry
    }()
}
