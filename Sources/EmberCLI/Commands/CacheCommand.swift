import Ember
import Foundation

/// `ember cache stats|clear`: what the response cache holds, and emptying it; and the
/// `--cache MODE` option that `ember eval`, `ember run` and `ember ask` share.
enum CacheCommand {
    static let specification = CommandSpecification(
        path: "ember cache",
        overview: "Show or clear the response cache (the 'cache.path' setting or "
            + "$EMBER_CACHE_PATH, else ~/.ember/cache.db), which answers repeated model calls "
            + "at no cost when 'cache.mode', EMBER_CACHE or --cache is read-write, read-only "
            + "or replay.",
        subcommands: [
            ("stats", "Show the entries, their size, hits and the dollars they saved."),
            ("clear", "Remove every entry, or only the expired ones."),
        ])

    static let statsSpecification = CommandSpecification(
        path: "ember cache stats",
        overview: "Show how many responses the cache holds (per model, and how many are "
            + "older than EMBER_CACHE_TTL), its size on disk, the hits it served and the "
            + "dollars they saved.")

    static let clearSpecification = CommandSpecification(
        path: "ember cache clear",
        overview: "Remove the cached responses and give their space back.",
        options: [
            OptionSpecification(name: "expired",
                                help: "Remove only the entries older than EMBER_CACHE_TTL "
                                    + "(default: remove every entry)."),
        ])

    /// The option that overrides the cache mode for one command.
    static let modeOption = OptionSpecification(
        name: "cache", valueName: "MODE",
        help: "How the response cache takes part: "
            + ResponseCacheMode.allCases.map(\.rawValue).joined(separator: ", ")
            + " (default: $EMBER_CACHE, else off).")

    static func run(_ arguments: [String]) async throws -> Int32 {
        guard let subcommand = arguments.first, !subcommand.hasPrefix("-") else {
            let parsed = try ParsedArguments(arguments, specification: specification)
            if parsed.wantsHelp || arguments.isEmpty {
                print(specification.helpText, terminator: "")
                return 0
            }
            throw parsed.fail("Expected a subcommand: stats or clear.")
        }
        let rest = Array(arguments.dropFirst())
        switch subcommand {
        case "stats":
            let parsed = try ParsedArguments(rest, specification: statsSpecification)
            if parsed.wantsHelp {
                print(statsSpecification.helpText, terminator: "")
                return 0
            }
            try parsed.requirePositionals(0)
            return try stats(settings: try EmberSettings.load())
        case "clear":
            let parsed = try ParsedArguments(rest, specification: clearSpecification)
            if parsed.wantsHelp {
                print(clearSpecification.helpText, terminator: "")
                return 0
            }
            try parsed.requirePositionals(0)
            return try clear(settings: try EmberSettings.load(),
                             expiredOnly: parsed.flags.contains("expired"))
        default:
            throw UsageError(message: "Unknown subcommand '\(subcommand)'; expected stats or "
                + "clear.", specification: specification)
        }
    }

    /// Sets the cache mode `--cache` names, if it was given.
    static func apply(_ parsed: ParsedArguments, to settings: inout EmberSettings) throws {
        guard let text = parsed.value("cache") else { return }
        guard let mode = ResponseCacheMode(rawValue: text) else {
            throw parsed.fail("The value '\(text)' of '--cache' is not valid; expected "
                + ResponseCacheMode.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        settings.cacheMode = mode
    }

    /// Says on stderr when the cache could not be opened and calls run without it; in
    /// replay mode, which must not send anything, fails instead.
    static func checkCache(of context: EmberContext) throws {
        guard let error = context.cacheError else { return }
        let path = context.settings.cachePath
        if context.settings.cacheMode == .replay {
            throw EvalFailure("replay mode answers only from the response cache, and the "
                + "cache at \(path) cannot be opened (\(error)); set EMBER_CACHE_PATH to "
                + "the recorded cache")
        }
        printError("Warning: the response cache at \(path) cannot be opened (\(error)); "
            + "calls run without it.")
    }

    private static func stats(settings: EmberSettings) throws -> Int32 {
        guard let cache = try existingCache(settings: settings) else {
            print("No response cache at \(settings.cachePath) yet: no entries.")
            return 0
        }
        let statistics = try cache.statistics()
        let ttl = settings.cacheTimeToLive.map { "time to live \(seconds($0))" }
            ?? "no time to live (EMBER_CACHE_TTL)"
        var lines = [
            "Cache:         \(cache.path) (mode \(settings.cacheMode), \(ttl))",
            "Entries:       \(statistics.entryCount), \(statistics.expiredCount) expired",
            "Size on disk:  \(bytes(statistics.sizeInBytes))",
            "Hits served:   \(statistics.hitCount)",
            "Saved:         $\(statistics.savedCost)"
                + (statistics.hitsOfUnknownCost > 0
                    ? " (+ \(statistics.hitsOfUnknownCost) hits of unknown cost)" : ""),
        ]
        if let oldest = statistics.oldest, let newest = statistics.newest {
            lines.append("Oldest entry:  \(date(oldest))")
            lines.append("Newest entry:  \(date(newest))")
        }
        print(lines.joined(separator: "\n"))
        guard !statistics.models.isEmpty else { return 0 }
        var rows = [["MODEL", "ENTRIES", "HITS", "SAVED"]]
        for model in statistics.models {
            rows.append([model.model, String(model.entryCount), String(model.hitCount),
                         "$\(model.savedCost)"])
        }
        print("\n" + TextTable(rows).render())
        return 0
    }

    private static func clear(settings: EmberSettings, expiredOnly: Bool) throws -> Int32 {
        guard let cache = try existingCache(settings: settings) else {
            print("No response cache at \(settings.cachePath): nothing to clear.")
            return 0
        }
        if expiredOnly && settings.cacheTimeToLive == nil {
            print("No time to live is set (EMBER_CACHE_TTL), so no entry has expired; "
                + "nothing removed.")
            return 0
        }
        let removed = try cache.clear(expiredOnly: expiredOnly)
        print("Removed \(removed) \(expiredOnly ? "expired " : "")"
            + "\(removed == 1 ? "entry" : "entries") from \(cache.path).")
        return 0
    }

    /// The cache file the settings name, or `nil` when there is none yet (it is not
    /// created just to be read).
    private static func existingCache(settings: EmberSettings) throws -> ResponseCache? {
        guard FileManager.default.fileExists(atPath: settings.cachePath) else { return nil }
        return try ResponseCache(path: settings.cachePath, mode: settings.cacheMode,
                                 timeToLive: settings.cacheTimeToLive.map { .seconds($0) })
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private static func bytes(_ count: Int64) -> String {
        guard count >= 1024 else { return "\(count) bytes" }
        let units = ["KB", "MB", "GB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " \(units[unit]) (\(count) bytes)"
    }

    private static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}
