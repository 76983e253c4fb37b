import Foundation

extension EmberSettings {
    /// Every effective value and where it came from, in the keys' order: each fixed key
    /// (with no value where none is set, such as a missing API key), then the keys of the
    /// configured endpoints, models and aliases.
    public var entries: [ConfigurationEntry] {
        ConfigurationSchema.keys(of: self).compactMap { resolved in
            let value = resolved.leaf.read(self, resolved.name)
            if value == nil && resolved.isInEntries { return nil }
            return ConfigurationEntry(key: resolved.key, value: value,
                                      source: source(of: resolved.key),
                                      isSecret: resolved.leaf.isSecret, help: resolved.leaf.help)
        }
    }

    /// The effective value of one key, written as a dotted path, and where it came from.
    ///
    /// - Throws: ``ConfigurationError`` for an unknown key (with close names) or a section.
    public func entry(for key: String) throws(ConfigurationError) -> ConfigurationEntry {
        let resolved = try ConfigurationSchema.resolve(key)
        return ConfigurationEntry(key: resolved.key, value: resolved.leaf.read(self, resolved.name),
                                  source: source(of: resolved.key),
                                  isSecret: resolved.leaf.isSecret, help: resolved.leaf.help)
    }

    /// Where a key's effective value came from.
    public func source(of key: ConfigurationKey) -> ConfigurationSource {
        origins[key] ?? .defaults
    }

    /// These settings with scoped overrides, the highest-priority layer, applied.
    ///
    /// Each value `change` alters is checked as a value from a file would be (a timeout
    /// above 0, a URL with a scheme) and its source becomes ``ConfigurationSource/override``.
    ///
    /// ```swift
    /// let fast = try settings.overriding { $0.defaultModel = "openai/gpt-4o-mini" }
    /// ```
    ///
    /// - Throws: What `change` throws, or ``ConfigurationError`` for a value that cannot be
    ///   used.
    public func overriding(_ change: (inout EmberSettings) throws -> Void) throws
        -> EmberSettings
    {
        var changed = self
        try change(&changed)
        let before = Dictionary(
            ConfigurationSchema.keys(of: self).map { ($0.key, $0.leaf.read(self, $0.name)) },
            uniquingKeysWith: { first, _ in first })
        let paths = ValueKind.PathBase(home: Self.home(in: [:]), directory: nil)
        for resolved in ConfigurationSchema.keys(of: changed) {
            let value = resolved.leaf.read(changed, resolved.name)
            guard value != before[resolved.key] ?? nil else { continue }
            if let value, resolved.leaf.kind.parse(text: value.description, paths: paths) == nil {
                let shown = ValueKind.show(text: value.description,
                                           isSecret: resolved.leaf.isSecret)
                throw ConfigurationError(
                    source: .override, key: resolved.key.description,
                    problem: .invalidValue(shown: "'\(shown)'",
                                           expected: resolved.leaf.kind.expected))
            }
            changed.origins[resolved.key] = .override
        }
        do {
            try changed.complete()
        } catch {
            throw ConfigurationError(source: .override, key: error.key, problem: error.problem)
        }
        return changed
    }
}
