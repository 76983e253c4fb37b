import EmberModels
import Foundation
@testable import EmberEval

/// Item results and run headers for the metric and report tests.
enum ReportFixtures {
    /// An answered item: correct when `extracted` equals `gold`, unanswered when `extracted`
    /// is `nil`.
    static func answered(
        _ id: String, subset: String? = nil, gold: String = "4", extracted: String? = "4",
        response: String? = nil, latency: Duration = .milliseconds(500),
        usage: TokenUsage? = TokenUsage(inputTokens: 100, outputTokens: 20),
        cost: Decimal? = Decimal(string: "0.001"), isTruncated: Bool = false
    ) -> EvaluationItemResult {
        let isCorrect = extracted == gold
        let explanation = extracted == nil ? "no answer found"
            : isCorrect ? "matches" : "expected \(gold)"
        return EvaluationItemResult(
            recordID: id, subset: subset, gold: gold,
            response: response ?? "The answer is \(extracted ?? "unclear").",
            outcome: EvaluationOutcome(isCorrect: isCorrect, extractedAnswer: extracted,
                                       explanation: explanation),
            error: nil, usage: usage, cost: cost, latency: latency, isTruncated: isTruncated)
    }

    /// An item whose call failed.
    static func failed(_ id: String, subset: String? = nil,
                       message: String = "the model is down",
                       latency: Duration = .seconds(2)) -> EvaluationItemResult {
        EvaluationItemResult(recordID: id, subset: subset, gold: "4", response: nil,
                             outcome: nil, error: message, usage: nil, cost: nil,
                             latency: latency)
    }

    /// A summary of `results`, all planned, with `wallTime`.
    static func summary(_ results: [EvaluationItemResult], plannedCount: Int? = nil,
                        wallTime: Duration = .seconds(10)) -> EvaluationSummary {
        EvaluationSummary(results: results, plannedCount: plannedCount ?? results.count,
                          wallTime: wallTime)
    }

    /// Ten items over two subjects: seven correct, one wrong, one unanswered and truncated,
    /// one failed; latencies 0.1 s to 1.0 s in steps of 0.1 s for the answered nine.
    static let mixed: EvaluationSummary = summary([
        answered("q1", subset: "biology", latency: .milliseconds(100)),
        answered("q2", subset: "biology", latency: .milliseconds(200)),
        answered("q3", subset: "biology", extracted: "5", latency: .milliseconds(300)),
        answered("q4", subset: "algebra", latency: .milliseconds(400)),
        answered("q5", subset: "algebra", latency: .milliseconds(500)),
        answered("q6", subset: "algebra", extracted: nil, latency: .milliseconds(600),
                 isTruncated: true),
        answered("q7", subset: "algebra", latency: .milliseconds(700)),
        answered("q8", subset: "biology", latency: .milliseconds(800)),
        answered("q9", subset: "biology", latency: .milliseconds(900)),
        failed("q10", subset: "algebra"),
    ], wallTime: .seconds(4))

    /// The start of every fixture run: 2025-03-01 12:00:00 UTC.
    static let startedAt = Date(timeIntervalSince1970: 1_740_830_400)

    /// A header for a run of `dataset`.
    static func header(dataset: String = "mmlu", isResumed: Bool = false,
                       isInterrupted: Bool = false) -> EvaluationReportHeader {
        EvaluationReportHeader(
            runID: "run-0001", title: "MMLU · test · gpt-4o-mini",
            configuration: EvaluationRunConfiguration(
                dataset: dataset, split: "test", limit: 10, seed: 7, system: "gpt-4o-mini",
                model: "gpt-4o-mini", evaluator: "choice", prompt: "Answer: {question}",
                temperature: 0),
            startedAt: startedAt, finishedAt: startedAt.addingTimeInterval(4),
            isResumed: isResumed, isInterrupted: isInterrupted)
    }
}
