import EmberTestSupport
import Foundation

/// Files the tests write, each in a fresh directory under the temporary directory.
enum TemporaryFiles {
    /// A new empty directory.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-data-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to a file named `name` in a new directory and returns its path.
    static func write(_ text: String, named name: String) throws -> String {
        try write(Data(text.utf8), named: name)
    }

    /// Writes `data` to a file named `name` in a new directory and returns its path.
    static func write(_ data: Data, named name: String) throws -> String {
        let url = try directory().appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// The gzip compression of `data`, made by the system's `gzip`.
    static func gzip(_ data: Data) throws -> Data {
        let input = try write(data, named: "plain")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c", "-n", input]
        let output = try ChildPipe()
        process.standardOutput = output.writing
        try ChildPipe.spawn(process, closing: [output.writing])
        let compressed = output.reading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed
    }
}
