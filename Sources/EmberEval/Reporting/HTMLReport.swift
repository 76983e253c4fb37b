import EmberModels
import Foundation

/// Renders a run as one self-contained HTML page: headline figures as cards, charts of
/// accuracy, latency and cost, for a compound system its nodes and vote curves, and a table
/// of every item that can be filtered by verdict and searched.
///
/// The page loads nothing: its style sheet, its SVG charts and its small script are all
/// inline, and it uses the reader's system fonts, so it opens offline and can be mailed as
/// one file. It follows the reader's light or dark preference. Every piece of text from the
/// run (answers, explanations, error messages, ids) is HTML-escaped; the script reads only
/// the page's own attributes, never the run's text.
///
/// The script records any error the page raises (an uncaught exception, a rejected
/// promise, a `console.error`) in a hidden `<output id="script-status">`, which reads `ok`
/// once the page has set itself up without one; tests read it back from a headless browser.
public struct HTMLReport: Sendable {
    /// The run the summary belongs to.
    public var header: EvaluationReportHeader
    /// The summary to render.
    public var summary: EvaluationSummary

    /// Creates a report.
    public init(header: EvaluationReportHeader, summary: EvaluationSummary) {
        self.header = header
        self.summary = summary
    }

    /// The page, as UTF-8 text ending in a newline.
    public func render() -> String {
        Self.page(title: "\(header.title) · Ember evaluation", styleSheet: Self.systemStyleSheet,
                  body: """
                      \(heading())
                      \(cards())
                      \(charts())
                      \(systemSection())
                      \(itemTable())
                      \(footer())
                      """)
    }

    /// A page in the report's frame: its style sheet with `styleSheet` after it, its error
    /// recorder and filter script, and `body` (markup, already escaped) in `<main>`; `title`
    /// is plain text, escaped here.
    static func page(title: String, styleSheet extra: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(HTMLText.escape(title))</title>
        <style>\(styleSheet)\(extra)</style>
        <script>\(errorRecorder)</script>
        </head>
        <body>
        <main>
        \(body)
        </main>
        <output id="script-status" hidden>pending</output>
        <script>\(filterScript)</script>
        </body>
        </html>

        """
    }

    private var isInterrupted: Bool { header.isInterrupted || !summary.isComplete }

    private func heading() -> String {
        let configuration = header.configuration
        var badges = ""
        if header.isResumed { badges += "<span class=\"badge\">Resumed</span>" }
        if isInterrupted {
            badges += "<span class=\"badge warn\">Interrupted · "
                + "\(ReportFormat.count(summary.itemCount)) of "
                + "\(ReportFormat.count(summary.plannedCount)) items</span>"
        }
        if !badges.isEmpty { badges = "<p class=\"badges\">\(badges)</p>" }
        var facts: [(String, String)] = [
            ("Run", header.runID),
            ("Started", ReportFormat.iso8601(header.startedAt)),
            ("Dataset", [configuration.dataset, configuration.subset, configuration.split]
                .compactMap { $0 }.joined(separator: " · ")),
            ("Model", configuration.model),
            ("Evaluator", configuration.evaluator),
        ]
        if configuration.system != configuration.model {
            facts.insert(("System", configuration.system), at: 3)
        }
        let list = facts.map { label, value in
            "<div><dt>\(label)</dt><dd>\(HTMLText.escape(value))</dd></div>"
        }.joined()
        return """
            <header class="page-head">
            <p class="eyebrow">Ember evaluation</p>
            <h1>\(HTMLText.escape(header.title))</h1>\(badges)
            <dl class="facts">\(list)</dl>
            \(configurationDetails())
            </header>
            """
    }

    private func configurationDetails() -> String {
        let configuration = header.configuration
        var rows: [(String, String)] = [("Sampling", configuration.sampling)]
        if let limit = configuration.limit { rows.append(("Limit", ReportFormat.count(limit))) }
        if let seed = configuration.seed { rows.append(("Seed", String(seed))) }
        if let temperature = configuration.temperature {
            rows.append(("Temperature", String(temperature)))
        }
        if let tokens = configuration.maximumTokens {
            rows.append(("Maximum tokens", ReportFormat.count(tokens)))
        }
        if let finished = header.finishedAt {
            rows.append(("Finished", ReportFormat.iso8601(finished)))
        }
        let list = rows.map { "<div><dt>\($0.0)</dt><dd>\(HTMLText.escape($0.1))</dd></div>" }
            .joined()
        return "<details class=\"configuration\"><summary>Configuration</summary>"
            + "<dl class=\"facts\">\(list)</dl><p class=\"label\">Prompt</p>"
            + "<pre>\(HTMLText.escape(configuration.prompt))</pre></details>"
    }

    private func cards() -> String {
        let interval = summary.accuracyInterval
        let incorrect = summary.results.count { $0.verdict == .incorrect }
        var cards = [
            card("Accuracy", ReportFormat.percent(summary.accuracy),
                 "95% CI \(ReportFormat.percent(interval.lower))–"
                    + ReportFormat.percent(interval.upper), tone: "accent"),
            card("Correct", "\(ReportFormat.count(summary.correctCount))"
                    + "<small> / \(ReportFormat.count(summary.itemCount))</small>",
                 "\(ReportFormat.count(incorrect)) incorrect · "
                    + "\(ReportFormat.count(summary.unansweredCount)) unanswered"),
            card("Errors", ReportFormat.count(summary.errorCount),
                 "failed calls, scored wrong", tone: summary.errorCount > 0 ? "bad" : nil),
            card("Truncated", ReportFormat.count(summary.truncatedCount),
                 "stopped at the token limit", tone: summary.truncatedCount > 0 ? "warn" : nil),
        ]
        if let cost = summary.cost {
            cards.append(card("Cost", HTMLText.escape(ReportFormat.dollars(cost)),
                              summary.costPerCorrectAnswer.map {
                                  ReportFormat.dollars($0) + " per correct answer"
                              } ?? "no correct answers"))
        } else {
            cards.append(card("Cost", "unknown", "no prices for this model"))
        }
        cards.append(card("Tokens per item", summary.tokensPerItem.map(ReportFormat.mean) ?? "—",
                          "\(ReportFormat.count(summary.usage.totalTokens)) in total"))
        if let latency = summary.latency {
            cards.append(card("Latency p50", ReportFormat.seconds(latency.p50),
                              "p95 \(ReportFormat.seconds(latency.p95)) · "
                                + "p99 \(ReportFormat.seconds(latency.p99))"))
        } else {
            cards.append(card("Latency p50", "—", "no answered items"))
        }
        cards.append(card("Throughput", String(format: "%.2f", summary.itemsPerSecond)
                            + "<small> items/s</small>",
                          ReportFormat.seconds(summary.wallTime.seconds) + " wall time"))
        return "<section class=\"cards\" aria-label=\"Headline figures\">"
            + cards.joined() + "</section>"
    }

    /// A card; `value` is markup already escaped, `detail` plain text.
    private func card(_ label: String, _ value: String, _ detail: String,
                      tone: String? = nil) -> String {
        "<div class=\"card\(tone.map { " " + $0 } ?? "")\"><p class=\"label\">\(label)</p>"
            + "<p class=\"figure\">\(value)</p><p class=\"detail\">\(HTMLText.escape(detail))</p>"
            + "</div>"
    }

    private func footer() -> String {
        "<footer><p>Accuracy intervals are 95% Wilson score intervals; a failed call counts as "
            + "wrong. Latency percentiles are by nearest rank over the items whose call "
            + "returned. Costs are in US dollars; an unknown cost is shown as unknown, never "
            + "as $0.</p></footer>"
    }
}
