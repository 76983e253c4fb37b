import EmberTestSupport
import Foundation
import Testing

/// `scripts/install-local-model.sh`, run as the README's set-up runs it.
@Suite("the local model's install script", .timeLimit(.minutes(1)))
struct InstallScriptTests {
    let script = TestEnvironment.packageRoot
        .appendingPathComponent("scripts/install-local-model.sh").path

    /// The environment the script sees: this process's, with `changes` applied.
    func environment(_ changes: [String: String?]) -> [String: String] {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in changes { variables[name] = value }
        return variables
    }

    @Test("run again from another directory, it finds what is installed and changes nothing",
          .enabled(if: TestEnvironment.hasLocalModel))
    func alreadyInstalled() async throws {
        let elsewhere = FileManager.default.temporaryDirectory.path
        let result = try await CommandRunner.run("/bin/bash", [script],
                                                 environment: environment([:]),
                                                 directory: elsewhere)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("[ember local install] model present: "))
        #expect(result.standardError.contains("[ember local install] server present: "))
        #expect(result.standardError.contains("[ember local install] ready: "))
        #expect(!result.standardError.contains("installing"))
    }

    @Test("a cache directory that cannot be made is named, with the variable that moves it")
    func unwritableCache() async throws {
        // Not even root can make a directory under a regular file.
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-not-a-directory-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let cache = file.appendingPathComponent("ember").path
        let result = try await CommandRunner.run(
            "/bin/bash", [script], environment: environment(["EMBER_CACHE_DIR": cache]))
        #expect(result.status == 1)
        #expect(result.standardError.contains(
            "error: cannot create \(cache); set EMBER_CACHE_DIR to a writable directory"),
                "\(result.standardError)")
    }

    @Test("a missing Python is named, with the packages that provide it")
    func missingPython() async throws {
        let cache = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-install-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let result = try await CommandRunner.run(
            "/bin/bash", [script],
            environment: environment(["EMBER_CACHE_DIR": cache, "PYTHON": "python3-missing"]))
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: no python3-missing found; install Python 3 "
                                              + "(Debian: apt-get install python3 python3-venv)"),
                "\(result.standardError)")
    }
}
