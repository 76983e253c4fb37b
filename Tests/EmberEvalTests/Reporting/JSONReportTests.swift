import Foundation
import Testing
@testable import EmberEval

@Suite("JSON report")
struct JSONReportTests {
    func object(_ report: JSONReport) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: report.renderData())
        return try #require(value as? [String: Any])
    }

    func object(_ value: Any?) throws -> [String: Any] {
        try #require(value as? [String: Any])
    }

    var report: JSONReport {
        JSONReport(header: ReportFixtures.header(), summary: ReportFixtures.mixed)
    }

    @Test("the top level: a schema version, the run, metrics, subsets, nodes, curves, items")
    func topLevel() throws {
        let document = try object(report)
        #expect(Set(document.keys) == ["schema_version", "run", "metrics", "subsets", "nodes",
                                       "vote_curves", "items"])
        // A single-model run has no nodes and no vote curves.
        #expect(document["nodes"] is NSNull)
        #expect((document["vote_curves"] as? [Any])?.isEmpty == true)
        #expect(document["schema_version"] as? Int == 1)
    }

    @Test("the run's field names and values, dates in ISO 8601")
    func run() throws {
        let run = try object(try object(report)["run"])
        #expect(Set(run.keys) == ["id", "title", "started_at", "finished_at", "is_resumed",
                                  "is_interrupted", "configuration"])
        #expect(run["started_at"] as? String == "2025-03-01T12:00:00Z")
        #expect(run["finished_at"] as? String == "2025-03-01T12:00:04Z")
        #expect(run["is_interrupted"] as? Bool == false)
        let configuration = try object(run["configuration"])
        #expect(Set(configuration.keys) == [
            "dataset", "subset", "split", "sampling", "limit", "seed", "system", "model",
            "evaluator", "prompt", "fields", "temperature", "maximum_tokens",
        ])
        #expect(configuration["subset"] is NSNull)
        #expect(configuration["seed"] as? Int == 7)
    }

    @Test("the metrics' field names and values")
    func metrics() throws {
        let metrics = try object(try object(report)["metrics"])
        #expect(Set(metrics.keys) == [
            "planned_count", "item_count", "is_complete", "correct_count", "incorrect_count",
            "unanswered_count", "error_count", "truncated_count", "accuracy",
            "accuracy_interval", "mean_score", "tokens", "cost", "latency_seconds",
            "wall_time_seconds", "items_per_second",
        ])
        #expect(metrics["accuracy"] as? Double == 0.7)
        #expect(metrics["wall_time_seconds"] as? Double == 4)
        #expect(metrics["items_per_second"] as? Double == 2.5)
        #expect(metrics["incorrect_count"] as? Int == 1)
        let interval = try object(metrics["accuracy_interval"])
        #expect(Set(interval.keys) == ["method", "level", "lower", "upper"])
        #expect(interval["level"] as? Double == 0.95)
        let tokens = try object(metrics["tokens"])
        #expect(Set(tokens.keys) == ["input", "output", "total", "reported_item_count",
                                     "per_item", "per_correct_answer"])
        #expect(tokens["total"] as? Int == 1080)
        let cost = try object(metrics["cost"])
        #expect(Set(cost.keys) == ["total", "per_item", "per_correct_answer"])
        #expect(cost["total"] as? String == "0.009")
        #expect(cost["per_item"] as? String == "0.0009")
        #expect(cost["per_correct_answer"] as? String == "0.0012857143")
        let latency = try object(metrics["latency_seconds"])
        #expect(Set(latency.keys) == ["percentile_method", "count", "p50", "p95", "p99",
                                      "mean", "minimum", "maximum"])
        #expect(latency["percentile_method"] as? String == "nearest_rank")
        #expect(latency["p95"] as? Double == 0.9)
    }

    @Test("each subset's field names and values")
    func subsets() throws {
        let subsets = try #require(try object(report)["subsets"] as? [[String: Any]])
        #expect(subsets.map { $0["name"] as? String } == ["algebra", "biology"])
        #expect(Set(subsets[0].keys) == [
            "name", "item_count", "correct_count", "error_count", "accuracy",
            "accuracy_interval", "input_tokens", "output_tokens", "cost",
        ])
        #expect(subsets[0]["cost"] as? String == "0.004")
    }

    @Test("every item, in order, with its field names and values")
    func items() throws {
        let items = try #require(try object(report)["items"] as? [[String: Any]])
        #expect(items.map { $0["record_id"] as? String } == (1...10).map { "q\($0)" })
        #expect(Set(items[0].keys) == [
            "record_id", "subset", "verdict", "gold", "response", "is_correct", "score",
            "extracted_answer", "explanation", "error", "input_tokens", "output_tokens",
            "cost", "latency_seconds", "is_truncated", "nodes",
        ])
        #expect(items[0]["latency_seconds"] as? Double == 0.1)
        #expect(items[0]["cost"] as? String == "0.001")
        #expect(items[5]["verdict"] as? String == "unanswered")
        #expect(items[5]["is_truncated"] as? Bool == true)
        let failed = items[9]
        #expect(failed["verdict"] as? String == "error")
        #expect(failed["error"] as? String == "the model is down")
        #expect(failed["response"] is NSNull)
        #expect(failed["cost"] is NSNull)
        #expect(failed["input_tokens"] is NSNull)
    }

    @Test("unknown figures are null, never 0")
    func unknowns() throws {
        let summary = ReportFixtures.summary([ReportFixtures.answered("a", usage: nil,
                                                                      cost: nil)])
        let document = try object(JSONReport(header: ReportFixtures.header(),
                                             summary: summary))
        let metrics = try object(document["metrics"])
        let cost = try object(metrics["cost"])
        #expect(cost["total"] is NSNull)
        #expect(cost["per_item"] is NSNull)
        #expect(try object(metrics["tokens"])["per_item"] is NSNull)
    }

    @Test("no items: every metric still present, the latency null")
    func empty() throws {
        let report = JSONReport(header: ReportFixtures.header(),
                                summary: ReportFixtures.summary([], wallTime: .zero))
        let metrics = try object(try object(report)["metrics"])
        #expect(metrics["items_per_second"] as? Double == 0)
        #expect(metrics["mean_score"] is NSNull)
        #expect(try object(metrics["latency_seconds"])["p50"] is NSNull)
    }

    @Test("the same run renders the same bytes, keys sorted")
    func stable() {
        let text = report.render()
        #expect(text == report.render())
        #expect(text.hasSuffix("}\n"))
        let items = text.range(of: "\"items\"")!.lowerBound
        let metrics = text.range(of: "\"metrics\"")!.lowerBound
        let schema = text.range(of: "\"schema_version\"")!.lowerBound
        #expect(items < metrics && metrics < schema)
    }
}
