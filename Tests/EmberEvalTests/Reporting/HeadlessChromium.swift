import Foundation
import Synchronization

/// Runs Debian's `chromium` headless on a page, for the tests that check the HTML report
/// in a real browser.
enum HeadlessChromium {
    /// What one run of the browser left behind.
    struct Run {
        var status: Int32
        var hasTimedOut: Bool
        var standardOutput: String
        var standardError: String
    }

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "EMBER_TEST_CHROMIUM names \(path), which is not an executable file; install "
                + "Debian's chromium package (scripts/test.sh does) or unset the variable."
        }
    }

    /// The path `scripts/test.sh` exported to require the browser, or `nil`.
    static var requiredPath: String? {
        ProcessInfo.processInfo.environment["EMBER_TEST_CHROMIUM"].flatMap {
            $0.isEmpty ? nil : $0
        }
    }

    /// The browser to run: the required one, else `chromium` on the `PATH`, else `nil`.
    static var executable: String? {
        if let requiredPath { return requiredPath }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
            .split(separator: ":").map(String.init)
        for directory in directories {
            let candidate = directory + "/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether the browser tests run: when required, or when the browser is installed.
    static var shouldRun: Bool { requiredPath != nil || executable != nil }

    /// Runs the browser on `page` with `arguments` after the headless flags, with a fresh
    /// profile in `directory`.
    ///
    /// The browser's output goes to files rather than pipes, because its helper processes
    /// may hold a pipe open after it exits. The call suspends until the browser exits;
    /// waiting happens in the process's termination handler, off the cooperative pool.
    /// After `timeout` the browser is sent SIGTERM, then SIGKILL two seconds later.
    ///
    /// - Throws: ``Missing`` when the executable is not there; what `Process.run()`
    ///   throws when it cannot start.
    static func run(_ arguments: [String], page: URL, directory: URL,
                    timeout: Duration = .seconds(60)) async throws -> Run {
        guard let path = executable, FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(path: executable ?? "chromium")
        }
        let outputURL = directory.appendingPathComponent("stdout.txt")
        let errorURL = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--disable-background-networking",
            "--user-data-dir=" + directory.appendingPathComponent("profile").path,
            "--enable-logging=stderr", "--v=0",
        ] + arguments + [page.absoluteString]
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice

        let hasTimedOut = Mutex(false)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            let seconds = Double(timeout.components.seconds)
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                guard process.isRunning else { return }
                hasTimedOut.withLock { $0 = true }
                process.terminate()
                DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                }
            }
        }
        return Run(status: status, hasTimedOut: hasTimedOut.withLock { $0 },
                   standardOutput: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
                   standardError: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }

    /// What the page's script wrote in its `<output id="script-status">`, read from a
    /// `--dump-dom` of the page: `ok`, `pending` (the script never finished) or
    /// `error: …` with the messages; `nil` when the element is missing.
    static func scriptStatus(inDump dom: String) -> String? {
        guard let start = dom.range(of: "<output id=\"script-status\"") else { return nil }
        guard let open = dom[start.upperBound...].range(of: ">"),
              let close = dom[open.upperBound...].range(of: "</output>") else { return nil }
        return String(dom[open.upperBound..<close.lowerBound])
    }

    /// The browser's log lines that report something the page wrote to its console or an
    /// exception it did not catch.
    static func consoleLines(inLog log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter {
            $0.contains(":CONSOLE") || $0.contains("Uncaught")
        }
    }
}
