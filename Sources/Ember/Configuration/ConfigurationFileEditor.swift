import EmberModels
import Foundation

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Changes one key of a configuration file and leaves the rest as it was, writing the file
/// atomically (a temporary file beside it, then a rename) with permissions 0600, since it
/// may hold API keys. `ember config set` and `ember config unset` use it.
public enum ConfigurationFileEditor {
    /// Sets a key to a value given as text, after checking both.
    ///
    /// - Parameters:
    ///   - key: A dotted key, such as `providers.openai.timeout`.
    ///   - text: The value as typed; read as an environment variable's would be.
    ///   - path: The file; it and its directory (0700) are created if missing.
    ///   - home: What `~/` in a path value stands for.
    ///   - workingDirectory: What a relative path value is relative to; it is written
    ///     absolute.
    ///   - aliases: Aliases defined outside this file (in a project file, say), which a model
    ///     value may name as well as Ember's own and those in the file.
    /// - Returns: The key and value as written.
    /// - Throws: ``ConfigurationError`` without a source for an unknown key or a value of the
    ///   wrong kind; naming the file when it is not JSON or cannot be written.
    @discardableResult
    public static func set(_ key: String, to text: String, inFile path: String, home: String,
                           workingDirectory: String, aliases: Set<String> = [])
        throws(ConfigurationError) -> ConfigurationEntry
    {
        let resolved = try ConfigurationSchema.resolve(key)
        let paths = ValueKind.PathBase(home: home, directory: workingDirectory)
        guard let value = resolved.leaf.kind.parse(text: text, paths: paths) else {
            throw ConfigurationError(
                source: nil, key: resolved.key.description,
                problem: .invalidValue(
                    shown: "'\(ValueKind.show(text: text, isSecret: resolved.leaf.isSecret))'",
                    expected: resolved.leaf.kind.expected))
        }
        var document = try read(path)
        if resolved.leaf.kind == .modelName {
            let inFile = (document["aliases"] as? [String: Any]).map { Set($0.keys) } ?? []
            guard isModel(value.description, amongAliases: aliases.union(inFile)) else {
                throw ConfigurationError(
                    source: nil, key: resolved.key.description,
                    problem: .invalidValue(shown: "'\(text)'",
                                           expected: resolved.leaf.kind.expected))
            }
        }
        setValue(value.jsonObject, at: resolved.key.segments[...], in: &document)
        try write(document, to: path)
        return ConfigurationEntry(key: resolved.key, value: value, source: .file(path),
                                  isSecret: resolved.leaf.isSecret, help: resolved.leaf.help)
    }

    /// Removes a key, and the sections it leaves empty.
    ///
    /// A key the file holds is removed even if Ember does not know it, so that a misspelt key
    /// can be taken out.
    ///
    /// - Returns: Whether the file held the key.
    /// - Throws: ``ConfigurationError`` for a key that is neither known nor in the file, or
    ///   naming the file when it is not JSON or cannot be written.
    @discardableResult
    public static func unset(_ key: String, inFile path: String) throws(ConfigurationError)
        -> Bool
    {
        let known: Result<ConfigurationSchema.Resolved, ConfigurationError>
        do {
            known = .success(try ConfigurationSchema.resolve(key))
        } catch {
            known = .failure(error)
        }
        var document = try read(path)
        var candidates: [[String]] = []
        if case .success(let resolved) = known { candidates.append(resolved.key.segments) }
        candidates.append(key.split(separator: ".", omittingEmptySubsequences: false)
            .map(String.init))
        for segments in candidates where removeValue(at: segments[...], in: &document) {
            try write(document, to: path)
            return true
        }
        if case .failure(let error) = known { throw error }
        return false
    }

    /// Whether `name` is a `provider/model` id, one of Ember's aliases, or one of `aliases`,
    /// which are compared ignoring case, as the registry does.
    private static func isModel(_ name: String, amongAliases aliases: Set<String>) -> Bool {
        (try? ModelRegistry.builtIn.resolve(name)) != nil
            || aliases.contains { $0.lowercased() == name.lowercased() }
    }

    // MARK: The document

    private static func read(_ path: String) throws(ConfigurationError) -> [String: Any] {
        guard let data = try ConfigurationLayer.contents(ofFileAt: path) else { return [:] }
        guard let document = try ConfigurationLayer.decode(data, source: .file(path))
            as? [String: Any] else {
            throw ConfigurationError(
                source: .file(path), key: nil,
                problem: .invalidValue(shown: "not an object",
                                       expected: "a JSON object; fix or remove the file first"))
        }
        return document
    }

    private static func setValue(_ value: Any, at segments: ArraySlice<String>,
                                 in object: inout [String: Any]) {
        guard let first = segments.first else { return }
        if segments.count == 1 {
            object[first] = value
            return
        }
        var child = object[first] as? [String: Any] ?? [:]
        setValue(value, at: segments.dropFirst(), in: &child)
        object[first] = child
    }

    private static func removeValue(at segments: ArraySlice<String>,
                                    in object: inout [String: Any]) -> Bool {
        guard let first = segments.first, object[first] != nil else { return false }
        if segments.count == 1 {
            object[first] = nil
            return true
        }
        guard var child = object[first] as? [String: Any],
              removeValue(at: segments.dropFirst(), in: &child) else { return false }
        object[first] = child.isEmpty ? nil : child
        return true
    }

    private static func write(_ document: [String: Any], to path: String)
        throws(ConfigurationError)
    {
        let data: Data
        do {
            data = try JSONSerialization.data(
                withJSONObject: document,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + Data("\n".utf8)
        } catch {
            throw ConfigurationError(source: .file(path), key: nil,
                                     problem: .inaccessible(detail: "cannot be encoded: \(error)"))
        }
        do {
            try writeAtomically(data, to: path)
        } catch {
            throw ConfigurationError(
                source: .file(path), key: nil,
                problem: .inaccessible(detail: "cannot be written (\(error))."))
        }
    }

    /// Writes `data` to a temporary file (mode 0600) beside `path`, flushes it, and renames
    /// it over `path`, so that a reader sees the old file or the new one, never half of one.
    /// A symbolic link at `path` is followed, and the file it points at replaced. The
    /// directory is created (mode 0700) if missing.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let directory = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let temporary = (directory as NSString).appendingPathComponent(
            ".\((target as NSString).lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var failure: POSIXError?
        if fchmod(descriptor, 0o600) != 0 { failure = POSIXError(.init(rawValue: errno) ?? .EIO) }
        data.withUnsafeBytes { buffer in
            var offset = 0
            while failure == nil, offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset,
                                          buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = POSIXError(.init(rawValue: errno) ?? .EIO)
                } else {
                    offset += written
                }
            }
        }
        if failure == nil, fsync(descriptor) != 0 {
            failure = POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        close(descriptor)
        if failure == nil, rename(temporary, target) != 0 {
            failure = POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }
}
