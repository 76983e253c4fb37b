import Foundation

/// The values one source sets — a configuration file, or the environment — each checked
/// against the keys and remembering where it came from.
///
/// ``EmberSettings`` applies layers in increasing priority: the user file, the project file,
/// then the environment, over the built-in defaults; scoped overrides come last.
public struct ConfigurationLayer: Sendable, Hashable {
    /// One value of a layer.
    public struct Entry: Sendable, Hashable {
        public var key: ConfigurationKey
        public var value: ConfigurationValue
        public var source: ConfigurationSource
    }

    /// The values, in the order they were read.
    public private(set) var entries: [Entry]

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// The values of a JSON configuration file; a file that does not exist, or holds only
    /// whitespace, sets none.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - home: The home directory, which `~/` in paths stands for.
    /// - Throws: ``ConfigurationError`` naming the file: unreadable, not JSON (with the line
    ///   and column), an unknown key (with close names) or a wrong value.
    public static func file(at path: String, home: String) throws(ConfigurationError)
        -> ConfigurationLayer
    {
        guard let data = try contents(ofFileAt: path) else {
            return ConfigurationLayer(entries: [])
        }
        return try ConfigurationLayer(
            json: data, source: .file(path), home: home,
            directory: (path as NSString).deletingLastPathComponent)
    }

    /// A configuration file's bytes, or `nil` when there is no such file.
    ///
    /// - Throws: ``ConfigurationError`` naming the file when it exists and cannot be read.
    static func contents(ofFileAt path: String) throws(ConfigurationError) -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(
                source: .file(path), key: nil,
                problem: .inaccessible(detail: "cannot be read ("
                    + "\((error as NSError).localizedDescription)); check its permissions."))
        }
    }

    /// The values of a JSON configuration document.
    ///
    /// - Parameters:
    ///   - data: The document: an object nesting the keys.
    ///   - source: Where it came from, for provenance and errors.
    ///   - home: The home directory, which `~/` in paths stands for.
    ///   - directory: The directory relative paths are relative to, or `nil` to keep them.
    public init(json data: Data, source: ConfigurationSource, home: String,
                directory: String? = nil) throws(ConfigurationError) {
        let json = try Self.decode(data, source: source)
        entries = try ConfigurationSchema.values(
            ofJSON: json, source: source,
            paths: ValueKind.PathBase(home: home, directory: directory))
    }

    /// The values of the environment variables Ember reads (`EMBER_…`, `OPENAI_API_KEY`,
    /// …); a variable that is empty or only whitespace is not set.
    ///
    /// - Throws: ``ConfigurationError`` naming the variable whose value cannot be used.
    public init(environment: [String: String]) throws(ConfigurationError) {
        let paths = ValueKind.PathBase(home: EmberSettings.home(in: environment), directory: nil)
        var entries: [Entry] = []
        let defaults = EmberSettings.builtInDefaults(environment: [:])
        for resolved in ConfigurationSchema.keys(of: defaults) where !resolved.isInEntries {
            let leaf = resolved.leaf
            for variable in leaf.variables {
                guard let raw = environment[variable],
                      !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    continue
                }
                guard let value = leaf.kind.parse(text: raw, paths: paths) else {
                    throw ConfigurationError(
                        source: .environment(variable), key: resolved.key.description,
                        problem: .invalidValue(
                            shown: ValueKind.show(text: raw.trimmingCharacters(in: .whitespaces),
                                                  isSecret: leaf.isSecret),
                            expected: leaf.kind.expected))
                }
                entries.append(Entry(key: resolved.key, value: value,
                                     source: .environment(variable)))
                break
            }
        }
        self.entries = entries
    }

    /// Decodes a document as `JSONSerialization` does, an empty one as `{}`.
    static func decode(_ data: Data, source: ConfigurationSource)
        throws(ConfigurationError) -> Any
    {
        if String(decoding: data, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return [String: Any]()
        }
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ConfigurationError.invalidJSON(error, data: data, source: source)
        }
    }
}

/// The configuration files in effect: the user's and, when one is found, the project's.
public struct ConfigurationFiles: Sendable, Hashable {
    /// The user file: `EMBER_CONFIG`, else `~/.ember/config.json`. It need not exist yet;
    /// `ember config set` writes it.
    public var user: String
    /// The project file, `ember.json` in the working directory or the nearest parent that
    /// has one, or `nil`.
    public var project: String?

    /// The project file's name.
    public static let projectFileName = "ember.json"

    /// Creates a pair of files.
    public init(user: String, project: String?) {
        self.user = user
        self.project = project
    }

    /// Finds the files for an environment and a working directory.
    public static func locate(environment: [String: String], workingDirectory: String)
        -> ConfigurationFiles
    {
        let user = userFile(environment: environment, workingDirectory: workingDirectory)
        var project = projectFile(searchingUpFrom: workingDirectory)
        if let found = project, standardized(found) == standardized(user) { project = nil }
        return ConfigurationFiles(user: user, project: project)
    }

    /// The user file: `EMBER_CONFIG` (relative to the working directory), else
    /// `~/.ember/config.json`.
    public static func userFile(environment: [String: String], workingDirectory: String)
        -> String
    {
        if let path = environment["EMBER_CONFIG"]?.trimmingCharacters(in: .whitespaces),
           !path.isEmpty {
            let expanded = path.hasPrefix("~/")
                ? (EmberSettings.home(in: environment) as NSString)
                    .appendingPathComponent(String(path.dropFirst(2)))
                : path
            return expanded.hasPrefix("/") ? expanded
                : standardized((workingDirectory as NSString).appendingPathComponent(expanded))
        }
        return (EmberSettings.home(in: environment) as NSString)
            .appendingPathComponent(".ember/config.json")
    }

    /// `ember.json` in `directory` or the nearest parent that has one, or `nil`.
    public static func projectFile(searchingUpFrom directory: String) -> String? {
        var current = standardized(directory)
        while true {
            let candidate = (current as NSString).appendingPathComponent(projectFileName)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                return candidate
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }

    private static func standardized(_ path: String) -> String {
        (path as NSString).standardizingPath
    }
}
