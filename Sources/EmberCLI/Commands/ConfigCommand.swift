import Ember
import Foundation

/// `ember config list|get|set|unset|path`: what the configuration holds, where each value
/// comes from, and changes to the user file.
enum ConfigCommand {
    static let specification = CommandSpecification(
        path: "ember config",
        overview: "Show and change Ember's configuration. Each value comes from, in "
            + "increasing priority: the defaults, the user file (~/.ember/config.json, or "
            + "$EMBER_CONFIG), the project file (ember.json here or in the nearest parent "
            + "that has one), then environment variables (EMBER_…, OPENAI_API_KEY, …). Keys "
            + "are dotted paths such as providers.openai.api_key; 'ember config list' shows "
            + "them all.",
        subcommands: [
            ("list", "Show every setting's effective value and where it came from, API keys "
                + "masked."),
            ("get", "Print one setting's effective value."),
            ("set", "Check a value and write it to the user file (created with mode 0600)."),
            ("unset", "Remove a setting from the user file."),
            ("path", "Print the user file and the project file in effect."),
        ])

    private static let showSecrets = OptionSpecification(
        name: "show-secrets", help: "Show API keys in full instead of masked (sk-…cdef).")

    static let listSpecification = CommandSpecification(
        path: "ember config list",
        overview: "Show every setting's effective value and its source: default, a file, "
            + "$VARIABLE, or override. API keys show at most their last four characters.",
        options: [showSecrets])

    static let getSpecification = CommandSpecification(
        path: "ember config get",
        overview: "Print one setting's effective value on stdout (exit status 1 if it has "
            + "none). API keys are masked unless --show-secrets is given.",
        arguments: [ArgumentSpecification(name: "KEY", help: "A dotted key, such as model or "
            + "providers.openai.base_url.")],
        options: [showSecrets])

    static let setSpecification = CommandSpecification(
        path: "ember config set",
        overview: "Check the key and the value, then write it to the user file "
            + "(~/.ember/config.json, or $EMBER_CONFIG) atomically, with permissions 0600. "
            + "A relative path is written absolute.",
        arguments: [
            ArgumentSpecification(name: "KEY", help: "A dotted key, such as "
                + "providers.openai.timeout or endpoints.myvllm.base_url."),
            ArgumentSpecification(name: "VALUE", help: "The value; - reads it from standard "
                + "input, which keeps an API key out of the shell's history."),
        ])

    static let unsetSpecification = CommandSpecification(
        path: "ember config unset",
        overview: "Remove a setting from the user file, and the sections it leaves empty; a "
            + "misspelt key the file holds can be removed too.",
        arguments: [ArgumentSpecification(name: "KEY", help: "A dotted key.")])

    static let pathSpecification = CommandSpecification(
        path: "ember config path",
        overview: "Print the user file (which 'ember config set' writes) and the project file "
            + "in effect, if any.")

    static func run(_ arguments: [String]) throws -> Int32 {
        guard let subcommand = arguments.first, !subcommand.hasPrefix("-") else {
            let parsed = try ParsedArguments(arguments, specification: specification)
            if parsed.wantsHelp || arguments.isEmpty {
                print(specification.helpText, terminator: "")
                return 0
            }
            throw parsed.fail("Expected a subcommand: list, get, set, unset or path.")
        }
        let rest = Array(arguments.dropFirst())
        switch subcommand {
        case "list": return try list(rest)
        case "get": return try get(rest)
        case "set": return try set(rest)
        case "unset": return try unset(rest)
        case "path": return try path(rest)
        default:
            throw UsageError(message: "Unknown subcommand '\(subcommand)'; expected list, get, "
                + "set, unset or path.", specification: specification)
        }
    }

    private static func list(_ arguments: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: listSpecification)
        if parsed.wantsHelp {
            print(listSpecification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        let settings = try EmberSettings.load()
        let revealing = parsed.flags.contains("show-secrets")
        var rows = [["KEY", "VALUE", "SOURCE"]]
        for entry in settings.entries {
            let value = revealing ? entry.value?.description ?? "(not set)" : entry.displayValue
            rows.append([entry.key.description, value, entry.source.description])
        }
        print(TextTable(rows).render())
        return 0
    }

    private static func get(_ arguments: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: getSpecification)
        if parsed.wantsHelp {
            print(getSpecification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(1)
        let key = parsed.positionals[0]
        do {
            _ = try checkKey(key)
        } catch {
            throw parsed.fail(error.message)
        }
        let entry = try EmberSettings.load().entry(for: key)
        guard let value = entry.value else {
            printError("\(entry.key) is not set.")
            return 1
        }
        print(entry.isSecret && !parsed.flags.contains("show-secrets")
            ? ConfigurationEntry.mask(value.description) : value.description)
        return 0
    }

    private static func set(_ arguments: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: setSpecification)
        if parsed.wantsHelp {
            print(setSpecification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(2)
        var value = parsed.positionals[1]
        if value == "-" {
            value = String(decoding: FileHandle.standardInput.readDataToEndOfFile(),
                           as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        let (environment, directory) = processSurroundings()
        let files = ConfigurationFiles.locate(environment: environment,
                                              workingDirectory: directory)
        // Aliases from every layer, so that the model can name one the project file defines.
        let aliases = (try? EmberSettings.load()).map { Set($0.aliases.keys) } ?? []
        let entry: ConfigurationEntry
        do {
            entry = try ConfigurationFileEditor.set(
                parsed.positionals[0], to: value, inFile: files.user,
                home: EmberSettings.home(in: environment), workingDirectory: directory,
                aliases: aliases)
        } catch {
            // A key or value typed wrong is a usage error; a broken file is a failure.
            if error.source == nil { throw parsed.fail(error.message) }
            throw error
        }
        print("Set \(entry.key) to \(entry.displayValue) in "
            + "\(ConfigurationSource.file(files.user)).")
        noteWhatTakesPrecedence(over: entry.key, in: files.user)
        return 0
    }

    private static func unset(_ arguments: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: unsetSpecification)
        if parsed.wantsHelp {
            print(unsetSpecification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(1)
        let key = parsed.positionals[0]
        let (environment, directory) = processSurroundings()
        let files = ConfigurationFiles.locate(environment: environment,
                                              workingDirectory: directory)
        let removed: Bool
        do {
            removed = try ConfigurationFileEditor.unset(key, inFile: files.user)
        } catch {
            // A key or value typed wrong is a usage error; a broken file is a failure.
            if error.source == nil { throw parsed.fail(error.message) }
            throw error
        }
        let file = ConfigurationSource.file(files.user)
        print(removed ? "Removed \(key) from \(file)."
            : "\(key) is not set in \(file); nothing to change.")
        noteWhatTakesPrecedence(over: ConfigurationKey(key), in: files.user)
        return 0
    }

    private static func path(_ arguments: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: pathSpecification)
        if parsed.wantsHelp {
            print(pathSpecification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        let (environment, directory) = processSurroundings()
        let files = ConfigurationFiles.locate(environment: environment,
                                              workingDirectory: directory)
        let exists = FileManager.default.fileExists(atPath: files.user)
        print("user     \(files.user)" + (exists ? "" : " (not created yet)"))
        print("project  " + (files.project
            ?? "none (no \(ConfigurationFiles.projectFileName) in \(directory) or its parents)"))
        return 0
    }

    /// The process's environment and working directory, which the configuration is read
    /// from.
    private static func processSurroundings() -> ([String: String], String) {
        (ProcessInfo.processInfo.environment, FileManager.default.currentDirectoryPath)
    }

    /// After a change to the user file: says so on stderr when a project file or a variable
    /// still decides the key, or when the configuration has a problem elsewhere.
    private static func noteWhatTakesPrecedence(over key: ConfigurationKey, in userFile: String) {
        do {
            let source = try EmberSettings.load().source(of: key)
            switch source {
            case .file(let path) where path != userFile:
                printError("Note: \(source) also sets \(key), and takes precedence.")
            case .environment:
                printError("Note: \(source) also sets \(key), and takes precedence.")
            default:
                break
            }
        } catch {
            printError("Warning: the configuration has a problem: \(error)")
        }
    }

    /// Checks a key typed on the command line.
    private static func checkKey(_ key: String) throws(ConfigurationError)
        -> ConfigurationKey
    {
        try EmberSettings.builtInDefaults(environment: [:]).entry(for: key).key
    }
}
