import Foundation

/// Where the install script put llama.cpp's server and the bundled model.
///
/// `scripts/install-local-model.sh` writes this as `local-model.json` in Ember's cache
/// directory.
public struct LocalModelInstallation: Sendable, Hashable, Codable {
    /// The `llama-server` executable.
    public var server: String
    /// The folder of the server's shared libraries.
    public var libraryPath: String
    /// The bundled GGUF model file.
    public var model: String

    /// The manifest's file name inside the cache directory.
    public static let manifestName = "local-model.json"

    /// Reads the manifest from a cache directory.
    ///
    /// - Throws: ``LocalServerError`` when the manifest is missing or unreadable, saying how
    ///   to install the local model.
    public static func read(fromCacheDirectory directory: String) throws(LocalServerError)
        -> Self
    {
        let path = (directory as NSString).appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .notInstalled(manifest: path)
        }
        do {
            return try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw .unreadableManifest(path: path, detail: String(describing: error))
        }
    }
}
