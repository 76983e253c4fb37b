import EmberTestSupport
import Foundation

/// The shared benchmark data the tests read.
enum TestData {
    /// The shared datasets directory.
    static var directory: String { TestEnvironment.sharedDatasets }

    /// A file of the shared datasets, by its path inside the directory.
    static func path(_ relativePath: String) -> String {
        (directory as NSString).appendingPathComponent(relativePath)
    }
}
