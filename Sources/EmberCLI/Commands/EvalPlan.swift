import Ember
import Foundation

/// What `ember eval` runs: the records chosen by a run's configuration, the prompt each is
/// put to the system with, and the evaluator that scores the answers.
struct EvalPlan {
    /// The records, in the run's order.
    var records: [DatasetRecord]
    /// The prompt template, with `{field}` placeholders of a record.
    var prompt: PromptTemplate
    /// Scores each answer.
    var evaluator: any Evaluator
    /// How answers are compared when a system votes.
    var answerKind: AnswerKind
    /// The dataset's display name, with where it was read from.
    var title: String

    /// The default prompt template of a dataset, as a run's configuration records it.
    static func defaultPrompt(for dataset: String) -> String {
        """
        Solve the following math problem. Think step by step, then give the final answer \
        as a number on the last line, in the form "#### <number>".

        Problem: {question}
        """
    }

    /// The default evaluator of a dataset.
    static func defaultEvaluator(for dataset: String) -> String { "numeric" }

    /// The datasets `ember eval` knows.
    static let datasetNames = [GSM8K.name]

    /// Loads the records of `configuration` and everything needed to score them.
    ///
    /// - Parameter dataDirectory: A directory laid out like `shared/datasets`, or `nil` for
    ///   the configured places.
    static func make(_ configuration: EvaluationRunConfiguration,
                     dataDirectory: String?) throws -> EvalPlan {
        let all = try GSM8K.load(dataDirectory: dataDirectory)
        let records = Array(all.prefix(configuration.limit ?? Int.max))
        guard !records.isEmpty else {
            throw DatasetError.empty(dataDirectory.map { "\($0)/\(GSM8K.relativePath)" }
                ?? GSM8K.relativePath)
        }
        let source = dataDirectory.map { " from \($0)" } ?? " (bundled test split)"
        return EvalPlan(records: records, prompt: try PromptTemplate(configuration.prompt),
                        evaluator: NumericEvaluator(), answerKind: .number,
                        title: "GSM8K\(source)")
    }

    /// The prompt for one record.
    func prompt(for record: DatasetRecord) throws -> String {
        try prompt.render(["question": record.question])
    }
}
