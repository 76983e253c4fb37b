import Foundation

/// The outcome of running a command to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs the built `ember` executable, as a user would, and collects what it printed.
public enum CommandRunner {
    /// Runs `ember` with arguments and extra environment variables.
    ///
    /// The child inherits the test process's environment, less the variables that would
    /// point it at a user's own configuration, plus `environment`.
    public static func ember(_ arguments: [String],
                             environment: [String: String] = [:]) async throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.emberBinary)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        for name in ["EMBER_DATA_DIR", "EMBER_LOCAL_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL"] {
            variables[name] = nil
        }
        variables.merge(environment) { $1 }
        process.environment = variables
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        async let outputData = output.fileHandleForReading.readToEnd()
        async let errorData = error.fileHandleForReading.readToEnd()
        let (out, err) = try await (outputData, errorData)
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: out ?? Data(), as: UTF8.self),
            standardError: String(decoding: err ?? Data(), as: UTF8.self))
    }
}
