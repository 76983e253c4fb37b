import Foundation

/// The few file-system questions the loaders ask.
enum FileSystem {
    /// `path` joined with a relative path.
    static func join(_ directory: String, _ relativePath: String) -> String {
        (directory as NSString).appendingPathComponent(relativePath)
    }

    /// Whether `path` is an existing regular file (or a link to one).
    static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
    }

    /// Whether `path` is an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The names of the entries of a directory, sorted; empty if it cannot be listed.
    static func contents(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}
