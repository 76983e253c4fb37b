import EmberData
import Foundation

extension EvaluationItemResult {
    /// The result scored again from its saved response: the system's answer and every node's
    /// answer, samples and input majority, read by `evaluator` against `record`. No model is
    /// called; the tokens, cost and latency stay those of the original answer.
    ///
    /// A failed call has nothing to score and is returned unchanged.
    public func rescored(with evaluator: any Evaluator,
                         for record: DatasetRecord) async -> EvaluationItemResult {
        guard let response, error == nil else { return self }
        var result = self
        result.gold = record.answer
        result.outcome = await Self.score(response, isTruncated: isTruncated, for: record,
                                          with: evaluator)
        if var nodes {
            for index in nodes.indices {
                await nodes[index].score(with: evaluator, for: record)
            }
            result.nodes = nodes
        }
        return result
    }

    /// Scores a response, saying so when a truncated one gave no answer.
    static func score(_ response: String, isTruncated: Bool, for record: DatasetRecord,
                      with evaluator: any Evaluator) async -> EvaluationOutcome {
        var outcome = await evaluator.evaluate(response, for: record)
        if isTruncated, !outcome.isCorrect, outcome.extractedAnswer == nil {
            outcome.explanation = "truncated response (the model hit its token limit); "
                + outcome.explanation
        }
        return outcome
    }
}
