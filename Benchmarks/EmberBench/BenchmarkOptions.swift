import Foundation

/// What the benchmark was asked to do, from its command line and environment.
struct BenchmarkOptions: Sendable {
    /// The server's base URL, such as `http://127.0.0.1:8080/v1`.
    var baseURL: String
    /// How long the server takes to answer each request.
    var serverDelay: Duration = .milliseconds(100)
    /// Measured runs of each workload, after one warm-up run.
    var repetitions = 3
    /// How long one run may take before the benchmark reports a hang and stops.
    var runTimeout: Duration = .seconds(60)
    /// The server's process id, to report the CPU time it spends on each run.
    var serverPID: Int32?

    static let usage = """
        USAGE: EmberBench [--base-url <url>] [--delay-ms <ms>] [--repetitions <count>] \
        [--run-timeout <seconds>] [--server-pid <pid>]
        """

    static let help = """
        OVERVIEW: Measures concurrent model calls through ModelService against a loopback \
        server.

        \(usage)

        OPTIONS:
          --base-url <url>         The server's base URL (default: $EMBER_BENCH_BASE_URL).
          --delay-ms <ms>          How long the server takes per request (default: 100).
          --repetitions <count>    Measured runs per workload, after a warm-up (default: 3).
          --run-timeout <seconds>  The longest one run may take before it counts as a hang
                                   (default: 60).
          --server-pid <pid>       The server's process id, to report its CPU time per run
                                   (Linux; default: not reported).
          -h, --help               Show this help.

        Start the server first (scripts/bench_server.py), or run scripts/bench.sh, which \
        does both.
        """

    /// Reads the options.
    ///
    /// - Returns: `nil` when help was asked for.
    /// - Throws: ``UsageError`` for an unknown option or a bad value.
    static func parse(_ arguments: [String], environment: [String: String]) throws(UsageError)
        -> BenchmarkOptions?
    {
        var baseURL = environment["EMBER_BENCH_BASE_URL"]
        var options = BenchmarkOptions(baseURL: "")
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "-h" || argument == "--help" { return nil }
            guard let value = remaining.popFirst() else {
                throw UsageError("the option '\(argument)' needs a value, or is unknown.")
            }
            switch argument {
            case "--base-url":
                baseURL = value
            case "--delay-ms":
                options.serverDelay = .milliseconds(try positive(value, for: argument))
            case "--repetitions":
                options.repetitions = try positive(value, for: argument)
            case "--run-timeout":
                options.runTimeout = .seconds(try positive(value, for: argument))
            case "--server-pid":
                options.serverPID = Int32(try positive(value, for: argument))
            default:
                throw UsageError("the option '\(argument)' is unknown.")
            }
        }
        guard let baseURL, !baseURL.isEmpty else {
            throw UsageError("no server given: pass --base-url or set EMBER_BENCH_BASE_URL.")
        }
        options.baseURL = baseURL
        return options
    }

    private static func positive(_ text: String, for option: String) throws(UsageError) -> Int {
        guard let value = Int(text), value > 0 else {
            throw UsageError("'\(text)' is not a positive whole number for \(option).")
        }
        return value
    }
}

/// A command line the benchmark cannot run with.
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
