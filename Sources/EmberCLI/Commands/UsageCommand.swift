import Ember
import Foundation

/// `ember usage`: what the recorded model calls used and cost, from the usage ledger.
enum UsageCommand {
    static let specification = CommandSpecification(
        path: "ember usage",
        overview: "Show the tokens and cost of every model call Ember has made, totalled by "
            + "model, day or scope, from the usage ledger (the 'database' setting or $EMBER_DB, "
            + "else ~/.ember/ember.db): CACHED counts the provider's cached input tokens, HITS "
            + "the calls the response cache answered at no cost, SAVED what those would have "
            + "cost.",
        options: [
            OptionSpecification(name: "by", valueName: "GROUPING",
                                help: "Total by model, day or scope (default: model)."),
            OptionSpecification(name: "since", valueName: "DATE",
                                help: "Only calls on or after this day, as YYYY-MM-DD "
                                    + "(default: all)."),
        ])

    static func run(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        let groupingName = parsed.value("by") ?? "model"
        guard let grouping = UsageLedger.Grouping(rawValue: groupingName) else {
            throw parsed.fail("The value '\(groupingName)' of '--by' is not valid; expected "
                + UsageLedger.Grouping.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        var since: Date?
        if let text = parsed.value("since") {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            guard let date = formatter.date(from: text) else {
                throw parsed.fail("The value '\(text)' of '--since' is not a date; expected "
                    + "YYYY-MM-DD, for example 2026-12-01.")
            }
            since = date
        }
        let settings = try EmberSettings.load()
        let ledger = try UsageLedger(database: SQLiteDatabase(path: settings.databasePath))
        let groups = try ledger.totals(by: grouping, since: since)
        guard !groups.isEmpty else {
            print("No model calls recorded in \(settings.databasePath)"
                + (since == nil ? "." : " since \(parsed.value("since") ?? "")."))
            return 0
        }
        var rows = [[grouping.rawValue.uppercased(), "CALLS", "INPUT", "OUTPUT", "CACHED",
                     "HITS", "SAVED", "COST"]]
        var overall = UsageTotals()
        for group in groups {
            rows.append(row(group.key, group.totals))
            overall.add(group.totals)
        }
        rows.append(row("total", overall))
        print(TextTable(rows).render())
        return 0
    }

    private static func row(_ key: String, _ totals: UsageTotals) -> [String] {
        let unknown = totals.callsOfUnknownCost
        let cost = switch unknown {
        case 0: "$\(totals.knownCost)"
        case totals.calls: "unknown"
        default: "$\(totals.knownCost) + \(unknown) \(unknown == 1 ? "call" : "calls") of "
            + "unknown cost"
        }
        return [key, String(totals.calls), String(totals.usage.inputTokens),
                String(totals.usage.outputTokens),
                String(totals.usage.cachedInputTokens ?? 0), String(totals.cacheHits),
                "$\(totals.savedCost)", cost]
    }
}
