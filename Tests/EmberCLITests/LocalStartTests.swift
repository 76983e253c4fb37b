import EmberTestSupport
import Foundation
import Testing

/// `ember local start` while Ember's server already runs.
@Suite("ember local start, already running", .timeLimit(.minutes(1)))
struct LocalStartTests {
    /// A cache directory whose record says a live process is Ember's server on `port`,
    /// serving the installation's model with four slots, and that process.
    private static func runningServer(port: Int) throws -> (cache: String, process: Process) {
        let cache = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let model = cache.appendingPathComponent("model.gguf").path
        try Data("GGUF".utf8).write(to: URL(fileURLWithPath: model))
        let manifest = #"{"server": "/bin/sh", "libraryPath": "\#(cache.path)", "#
            + #""model": "\#(model)"}"#
        try Data(manifest.utf8).write(to: cache.appendingPathComponent("local-model.json"))
        // A process whose command line names the executable and the port, as the server's.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "sleep 60", "--port", String(port)]
        try process.run()
        let record = #"{"processID": \#(process.processIdentifier), "executable": "/bin/sh", "#
            + #""model": "\#(model)", "port": \#(port), "parallelSlots": 4, "#
            + #""logPath": "/dev/null", "startedAt": "2026-12-04T10:00:00Z"}"#
        try Data(record.utf8).write(to: cache.appendingPathComponent("local-server.json"))
        return (cache.path, process)
    }

    @Test("asking again for the settings it runs with says it is running; others are refused")
    func sameSettings() async throws {
        let (cache, process) = try Self.runningServer(port: 18_431)
        defer { process.terminate() }
        let environment = ["EMBER_CACHE_DIR": cache]
        for arguments in [[], ["--port", "18431"], ["--port", "18431", "--parallel", "4"]] {
            let result = try await CommandRunner.ember(["local", "start"] + arguments,
                                                       environment: environment)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.hasPrefix("Already running: "))
        }
        for arguments in [["--port", "18432"], ["--parallel", "2"]] {
            let result = try await CommandRunner.ember(["local", "start"] + arguments,
                                                       environment: environment)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains("already running"),
                    "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("with other settings"))
        }
    }
}
