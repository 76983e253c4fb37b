/// An error managing the local model server.
public struct LocalServerError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable {
        case notInstalled
        case unreadableManifest
        case missingModel
        case portInUse
        case launchFailed
        case exitedDuringStartup
        case notHealthy
    }

    let code: Code
    /// The file the error concerns (manifest, model, log).
    public let path: String
    /// What went wrong.
    public let detail: String

    static func notInstalled(manifest: String) -> Self {
        Self(code: .notInstalled, path: manifest, detail: "")
    }

    static func unreadableManifest(path: String, detail: String) -> Self {
        Self(code: .unreadableManifest, path: path, detail: detail)
    }

    static func missingModel(_ path: String, source: String) -> Self {
        Self(code: .missingModel, path: path, detail: source)
    }

    static func portInUse(_ port: Int) -> Self {
        Self(code: .portInUse, path: "127.0.0.1:\(port)", detail: "")
    }

    static func launchFailed(_ server: String, detail: String) -> Self {
        Self(code: .launchFailed, path: server, detail: detail)
    }

    static func exitedDuringStartup(log: String, lastLines: String) -> Self {
        Self(code: .exitedDuringStartup, path: log, detail: lastLines)
    }

    static func notHealthy(url: String, detail: String) -> Self {
        Self(code: .notHealthy, path: url, detail: detail)
    }

    public var description: String {
        switch code {
        case .notInstalled:
            "The local model is not installed (\(path) is missing); "
                + "run scripts/install-local-model.sh."
        case .unreadableManifest:
            "\(path) could not be read (\(detail)); run scripts/install-local-model.sh again."
        case .missingModel:
            "The model file \(path) (from \(detail)) does not exist or is not a file; "
                + "give the path of a GGUF file."
        case .portInUse:
            "Another program already listens on \(path), and it is not a server Ember "
                + "started; stop it, or choose another port with --port or EMBER_LOCAL_PORT."
        case .launchFailed:
            "Could not launch \(path): \(detail)."
        case .exitedDuringStartup:
            "The local model server exited while starting; the end of its log (\(path)):\n"
                + detail
        case .notHealthy:
            "The local model server at \(path) did not become healthy: \(detail)."
        }
    }
}
