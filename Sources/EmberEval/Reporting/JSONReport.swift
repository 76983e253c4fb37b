import EmberModels
import Foundation

/// Renders a run as one JSON document: the run, every metric, every subset, for a compound
/// system every node and vote curve, and every item (with its nodes' outputs).
///
/// The document is for programs (dashboards, comparisons between runs), so its shape is
/// fixed and versioned by ``schemaVersion``:
///
/// - Field names are snake_case; keys are sorted and the text is pretty-printed, so the
///   same run gives the same bytes.
/// - Every field is always present; what is unknown is `null`, never 0 (an unknown cost is
///   not $0).
/// - Durations are seconds as numbers (`latency_seconds`, `wall_time_seconds`).
/// - Dollar amounts are decimal strings (`"0.0123"`), so no binary rounding creeps into
///   money; totals are exact and derived figures (per item, per correct answer) are
///   rounded to 10 decimal places.
/// - Dates are ISO 8601 in UTC, to the second.
/// - Latency percentiles are by nearest rank (`percentile_method`).
public struct JSONReport: Sendable {
    /// The version of the document's shape; it changes when a field is renamed or removed.
    public static let schemaVersion = 1

    /// The run the summary belongs to.
    public var header: EvaluationReportHeader
    /// The summary to render.
    public var summary: EvaluationSummary

    /// Creates a report.
    public init(header: EvaluationReportHeader, summary: EvaluationSummary) {
        self.header = header
        self.summary = summary
    }

    /// The document as UTF-8 text, ending in a newline.
    public func render() -> String {
        String(decoding: renderData(), as: UTF8.self) + "\n"
    }

    /// The document as UTF-8 bytes, without a final newline.
    public func renderData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Only strings, booleans and finite numbers are in the tree: encoding cannot fail.
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }

    var document: JSONValue {
        let breakdown = SystemBreakdown(summary: summary)
        return .object([
            "schema_version": .integer(Self.schemaVersion),
            "run": run,
            "metrics": metrics,
            "subsets": .array(summary.subsets.map(subset)),
            "nodes": .optional(breakdown.attribution) { .array($0.nodes.map(node)) },
            "vote_curves": .array(breakdown.curves.map(voteCurve)),
            "items": .array(summary.results.map(item)),
        ])
    }

    private func node(_ node: NodeAttribution.Node) -> JSONValue {
        .object([
            "id": .string(node.id),
            "code": .string(node.code),
            "label": .string(node.label),
            "item_count": .integer(node.itemCount),
            "correct_count": .optional(node.correctCount, JSONValue.integer),
            "accuracy": .optional(node.accuracy, JSONValue.finite),
            "accuracy_interval": .optional(node.accuracyInterval, interval),
            "sample_accuracy": .optional(node.sampleAccuracy, JSONValue.finite),
            "member_accuracies": .array(node.memberAccuracies.map(JSONValue.finite)),
            "call_count": .integer(node.callCount),
            "tokens": .integer(node.tokens),
            "token_share": .finite(node.tokenShare),
            "cost": money(node.cost, scale: nil),
            "cost_share": .optional(node.costShare, JSONValue.finite),
            "latency_seconds": .optional(node.latency) { latency in
                .object(["p50": .finite(latency.p50), "p95": .finite(latency.p95),
                         "mean": .finite(latency.mean)])
            },
            "critical_path_share": .finite(node.criticalPathShare),
            "revisions": .optional(node.revisions) { counts in
                .object([
                    "kept_correct": .integer(counts.keptCorrect),
                    "overturned": .integer(counts.overturned),
                    "fixed": .integer(counts.fixed),
                    "kept_wrong": .integer(counts.keptWrong),
                ])
            },
        ])
    }

    private func voteCurve(_ curve: EnsembleVoteCurve) -> JSONValue {
        .object([
            "node_id": .string(curve.nodeID),
            "label": .string(curve.label),
            "item_count": .integer(curve.itemCount),
            "tie_rule": .string(curve.curve.tieBreakRule),
            "tokens_per_sample": .optional(curve.tokensPerSample, JSONValue.finite),
            "cost_per_sample": money(curve.costPerSample, scale: 10),
            "points": .array(curve.curve.points.map { point in
                .object([
                    "k": .integer(point.k),
                    "majority_accuracy": .finite(point.majorityAccuracy),
                    "oracle_accuracy": .finite(point.oracleAccuracy),
                    "mean_margin": .finite(point.meanMargin),
                    "agreement": .finite(point.agreement),
                    "tie_rate": .finite(point.tieRate),
                    "no_answer_rate": .finite(point.noAnswerRate),
                ])
            }),
        ])
    }

    private func itemNode(_ output: NodeOutput) -> JSONValue {
        .object([
            "id": .string(output.id),
            "answer": .optional(output.answer, JSONValue.string),
            "is_correct": .optional(output.answerOutcome?.isCorrect, JSONValue.bool),
            "samples": .array(output.samples.map(JSONValue.string)),
            "samples_correct": .optional(output.samplesCorrect) { .array($0.map(JSONValue.bool)) },
            "input_majority": .optional(output.inputMajority, JSONValue.string),
            "input_majority_correct": .optional(output.inputMajorityCorrect, JSONValue.bool),
            "input_tokens": .optional(output.usage?.inputTokens, JSONValue.integer),
            "output_tokens": .optional(output.usage?.outputTokens, JSONValue.integer),
            "cost": money(output.cost, scale: nil),
            "latency_seconds": .finite(output.latency.seconds),
            "on_critical_path": .bool(output.isOnCriticalPath),
        ])
    }

    private var run: JSONValue {
        .object([
            "id": .string(header.runID),
            "title": .string(header.title),
            "started_at": .string(ReportFormat.iso8601(header.startedAt)),
            "finished_at": .optional(header.finishedAt) { .string(ReportFormat.iso8601($0)) },
            "is_resumed": .bool(header.isResumed),
            "is_interrupted": .bool(header.isInterrupted || !summary.isComplete),
            "configuration": configuration,
        ])
    }

    private var configuration: JSONValue {
        let configuration = header.configuration
        return .object([
            "dataset": .string(configuration.dataset),
            "subset": .optional(configuration.subset, JSONValue.string),
            "split": .optional(configuration.split, JSONValue.string),
            "sampling": .string(configuration.sampling),
            "limit": .optional(configuration.limit, JSONValue.integer),
            "seed": .optional(configuration.seed, JSONValue.unsigned),
            "system": .string(configuration.system),
            "model": .string(configuration.model),
            "evaluator": .string(configuration.evaluator),
            "prompt": .string(configuration.prompt),
            "fields": configuration.fields.map { .object($0.mapValues(JSONValue.string)) }
                ?? .null,
            "temperature": .optional(configuration.temperature, JSONValue.finite),
            "maximum_tokens": .optional(configuration.maximumTokens, JSONValue.integer),
        ])
    }

    private var metrics: JSONValue {
        let usage = summary.usage
        return .object([
            "planned_count": .integer(summary.plannedCount),
            "item_count": .integer(summary.itemCount),
            "is_complete": .bool(summary.isComplete),
            "correct_count": .integer(summary.correctCount),
            "incorrect_count": .integer(summary.results.count { $0.verdict == .incorrect }),
            "unanswered_count": .integer(summary.unansweredCount),
            "error_count": .integer(summary.errorCount),
            "truncated_count": .integer(summary.truncatedCount),
            "accuracy": .finite(summary.accuracy),
            "accuracy_interval": interval(summary.accuracyInterval),
            "mean_score": .optional(summary.meanScore, JSONValue.finite),
            "tokens": .object([
                "input": .integer(usage.inputTokens),
                "output": .integer(usage.outputTokens),
                "total": .integer(usage.totalTokens),
                "reported_item_count": .integer(summary.usageReportedCount),
                "per_item": .optional(summary.tokensPerItem, JSONValue.finite),
                "per_correct_answer": .optional(summary.tokensPerCorrectAnswer, JSONValue.finite),
            ]),
            "cost": .object([
                "total": money(summary.cost, scale: nil),
                "per_item": money(summary.costPerItem, scale: 10),
                "per_correct_answer": money(summary.costPerCorrectAnswer, scale: 10),
            ]),
            "latency_seconds": latency,
            "wall_time_seconds": .finite(summary.wallTime.seconds),
            "items_per_second": .finite(summary.itemsPerSecond),
        ])
    }

    private var latency: JSONValue {
        let latency = summary.latency
        return .object([
            "percentile_method": .string("nearest_rank"),
            "count": .integer(latency?.count ?? 0),
            "p50": .optional(latency?.p50, JSONValue.finite),
            "p95": .optional(latency?.p95, JSONValue.finite),
            "p99": .optional(latency?.p99, JSONValue.finite),
            "mean": .optional(latency?.mean, JSONValue.finite),
            "minimum": .optional(latency?.minimum, JSONValue.finite),
            "maximum": .optional(latency?.maximum, JSONValue.finite),
        ])
    }

    private func subset(_ subset: EvaluationSubsetSummary) -> JSONValue {
        .object([
            "name": .optional(subset.name, JSONValue.string),
            "item_count": .integer(subset.itemCount),
            "correct_count": .integer(subset.correctCount),
            "error_count": .integer(subset.errorCount),
            "accuracy": .finite(subset.accuracy),
            "accuracy_interval": interval(subset.accuracyInterval),
            "input_tokens": .integer(subset.usage.inputTokens),
            "output_tokens": .integer(subset.usage.outputTokens),
            "cost": money(subset.cost, scale: nil),
        ])
    }

    private func item(_ result: EvaluationItemResult) -> JSONValue {
        .object([
            "record_id": .string(result.recordID),
            "subset": .optional(result.subset, JSONValue.string),
            "verdict": .string(result.verdict.rawValue),
            "gold": .string(result.gold),
            "response": .optional(result.response, JSONValue.string),
            "is_correct": .bool(result.isCorrect),
            "score": .optional(result.outcome?.score, JSONValue.finite),
            "extracted_answer": .optional(result.outcome?.extractedAnswer, JSONValue.string),
            "explanation": .optional(result.outcome?.explanation, JSONValue.string),
            "error": .optional(result.error, JSONValue.string),
            "input_tokens": .optional(result.usage?.inputTokens, JSONValue.integer),
            "output_tokens": .optional(result.usage?.outputTokens, JSONValue.integer),
            "cost": money(result.cost, scale: nil),
            "latency_seconds": .finite(result.latency.seconds),
            "is_truncated": .bool(result.isTruncated),
            "nodes": .optional(result.nodes) { .array($0.map(itemNode)) },
        ])
    }

    private func interval(_ interval: ConfidenceInterval) -> JSONValue {
        .object([
            "method": .string("wilson"),
            // The level comes from a normal quantile: 0.95 to six places, not 0.9499999….
            "level": .finite((interval.level * 1e6).rounded() / 1e6),
            "lower": .finite(interval.lower),
            "upper": .finite(interval.upper),
        ])
    }

    private func money(_ amount: Decimal?, scale: Int?) -> JSONValue {
        guard let amount else { return .null }
        guard let scale else { return .string(amount.description) }
        return .string(ReportFormat.decimalString(amount, scale: scale))
    }
}
