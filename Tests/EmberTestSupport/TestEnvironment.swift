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
    public static var sharedDatasets: String {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets").path
    }

    /// The built `ember` executable.
    public static var emberBinary: String {
        if let path = ProcessInfo.processInfo.environment["EMBER_TEST_BINARY"] { return path }
        return packageRoot.appendingPathComponent(".build/debug/ember").path
    }
}
