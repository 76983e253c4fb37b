import Foundation

/// What the test scripts tell the tests through the environment.
public enum TestEnvironment {
    /// The OpenAI-compatible base URL of the real local model server that `scripts/test.sh`
    /// starts, or `nil` when the tests run without one.
    public static var localModelBaseURL: String? {
        ProcessInfo.processInfo.environment["EMBER_TEST_LOCAL_BASE_URL"]
    }

    /// Whether the real local model server is available to integration tests.
    public static var hasLocalModel: Bool { localModelBaseURL != nil }

    /// The package's root directory.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared benchmark data beside the package (`../shared/datasets`).
    ///
    /// `EMBER_TEST_SHARED_DATASETS` overrides it. In a git worktree checked out elsewhere
    /// (`git worktree add /tmp/x`), it is the folder beside the main checkout the worktree
    /// belongs to, found through the worktree's `.git` file.
    public static var sharedDatasets: String {
        if let path = ProcessInfo.processInfo.environment["EMBER_TEST_SHARED_DATASETS"] {
            return path
        }
        let beside = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/datasets").path
        guard !FileManager.default.fileExists(atPath: beside),
              let mainCheckout = mainCheckoutOfWorktree else { return beside }
        let besideMain = mainCheckout.deletingLastPathComponent()
            .appendingPathComponent("shared/datasets").path
        return FileManager.default.fileExists(atPath: besideMain) ? besideMain : beside
    }

    /// The main checkout when the package is a linked git worktree (its `.git` is a file
    /// reading `gitdir: <main>/.git/worktrees/<name>`), else `nil`.
    private static var mainCheckoutOfWorktree: URL? {
        let gitFile = packageRoot.appendingPathComponent(".git")
        guard let text = try? String(contentsOf: gitFile, encoding: .utf8),
              text.hasPrefix("gitdir:") else { return nil }
        let gitDirectory = text.dropFirst("gitdir:".count)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let range = gitDirectory.range(of: "/.git/worktrees/") else { return nil }
        return URL(fileURLWithPath: String(gitDirectory[..<range.lowerBound]))
    }

    /// The built `ember` executable.
    public static var emberBinary: String {
        if let path = ProcessInfo.processInfo.environment["EMBER_TEST_BINARY"] { return path }
        return packageRoot.appendingPathComponent(".build/debug/ember").path
    }
}
