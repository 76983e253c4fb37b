import EmberModels
import Foundation
@testable import EmberEval

/// The summaries the HTML report must render sensibly, by name.
enum HTMLFixtures {
    /// A response that would run a script and break an entity if it were not escaped.
    static let hostileResponse = "<script>alert(1)</script> & \"quoted\" 'single' </td>"

    /// Forty items over three subjects, one with a hostile response, one with a hostile id.
    static let subjects: EvaluationSummary = {
        let subjects = ["anatomy", "high_school_government_and_politics", "world_religions"]
        var results = (0..<40).map { index -> EvaluationItemResult in
            let subject = subjects[index % subjects.count]
            if index % 13 == 0 { return ReportFixtures.failed("s\(index)", subset: subject) }
            return ReportFixtures.answered(
                "s\(index)", subset: subject, gold: "A",
                extracted: index % 3 == 0 ? "B" : index % 7 == 0 ? nil : "A",
                response: index == 4 ? hostileResponse : nil,
                latency: .milliseconds(150 + index * 40 + (index % 9 == 0 ? 2500 : 0)),
                usage: TokenUsage(inputTokens: 180 + index, outputTokens: 20 + index % 30),
                cost: Decimal(index + 10) / Decimal(100_000), isTruncated: index % 11 == 0)
        }
        results.append(ReportFixtures.answered("<b>&id</b>", subset: "anatomy",
                                               extracted: "4", cost: nil))
        return ReportFixtures.summary(results, plannedCount: 60, wallTime: .seconds(20))
    }()

    /// The edge cases: no items, one item, every call failed, and a full run.
    static let cases: [(String, EvaluationSummary)] = [
        ("no items", ReportFixtures.summary([], wallTime: .zero)),
        ("one item", ReportFixtures.summary([ReportFixtures.answered("only")])),
        ("all errors", ReportFixtures.summary([
            ReportFixtures.failed("e1"), ReportFixtures.failed("e2", message: "a <b>bad</b> & odd"),
        ])),
        ("subjects", subjects),
    ]

    static func report(_ summary: EvaluationSummary) -> HTMLReport {
        HTMLReport(header: ReportFixtures.header(isResumed: true), summary: summary)
    }
}
