import Ember
import Foundation

/// `--verbose` and `--quiet`: how much `ember` logs to standard error, given anywhere on the
/// command line before `--`, ahead of the subcommand or after it.
///
/// The level chosen wins over `EMBER_LOG_LEVEL` (and over any configured level) by
/// replacing that variable for this process before any command reads its settings, so
/// every way of loading settings sees it without being told about the flags.
enum LogLevelOptions {
    static let verbose = OptionSpecification(
        name: "verbose",
        help: "Log every model call (model, status, latency, tokens, cost, attempts) to "
            + "stderr; the same as EMBER_LOG_LEVEL=debug, before or after the subcommand.",
        shortName: "v")
    static let quiet = OptionSpecification(
        name: "quiet",
        help: "Log only errors to stderr; the same as EMBER_LOG_LEVEL=error, before or "
            + "after the subcommand (default: warning, or $EMBER_LOG_LEVEL).",
        shortName: "q")

    /// Removes `-v`, `--verbose`, `-q` and `--quiet` from `arguments` (up to a `--`) and
    /// returns the level they ask for, or `nil` if none was given.
    ///
    /// - Throws: ``UsageError`` when both are given.
    static func take(from arguments: inout [String], specification: CommandSpecification)
        throws(UsageError) -> LogLevel?
    {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var levels: Set<LogLevel> = []
        var kept: [String] = []
        for argument in arguments[..<end] {
            switch argument {
            case "-v", "--verbose": levels.insert(.debug)
            case "-q", "--quiet": levels.insert(.error)
            default: kept.append(argument)
            }
        }
        guard levels.count < 2 else {
            throw UsageError(message: "'--verbose' and '--quiet' cannot be used together.",
                             specification: specification)
        }
        arguments = kept + arguments[end...]
        return levels.first
    }

    /// Makes `level` the log level of every command this process runs.
    ///
    /// Call it before any other thread starts: it sets `EMBER_LOG_LEVEL` in the process's
    /// environment.
    static func apply(_ level: LogLevel) {
        setenv("EMBER_LOG_LEVEL", level.description, 1)
    }
}
