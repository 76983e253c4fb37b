/// Why a ``PythonSandbox`` could not run a program at all (as opposed to a program that
/// ran and failed).
public struct PythonSandboxError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case interpreterNotFound(String)
        case launchFailed(String, reason: String)
        case unusableDirectory(String, reason: String)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// No interpreter answers to `python` on the caller's `PATH`.
    static func interpreterNotFound(_ python: String) -> Self {
        Self(.interpreterNotFound(python))
    }

    /// The interpreter at `path` could not be started, for `reason`.
    static func launchFailed(_ path: String, reason: String) -> Self {
        Self(.launchFailed(path, reason: reason))
    }

    /// The run's temporary directory at `path` could not be made or written, for `reason`.
    static func unusableDirectory(_ path: String, reason: String) -> Self {
        Self(.unusableDirectory(path, reason: reason))
    }

    /// A sentence saying what was wrong and what to do.
    public var description: String {
        switch code {
        case .interpreterNotFound(let python):
            return "No Python interpreter answers to '\(python)'; install Python 3 or give "
                + "the sandbox the interpreter's full path."
        case .launchFailed(let path, let reason):
            return "The interpreter '\(path)' could not be started: \(reason)."
        case .unusableDirectory(let path, let reason):
            return "The temporary directory '\(path)' could not be prepared: \(reason); "
                + "check that the temporary directory is writable."
        }
    }
}
