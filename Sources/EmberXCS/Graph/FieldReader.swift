/// Reads a stored property of a value by name, with `Mirror`, for field edges.
enum FieldReader {
    /// Why a field could not be read: which name failed, on what type, and what was there.
    struct Failure: Error, Sendable {
        var field: String
        var typeName: String
        var available: [String]
    }

    /// The value at `path` (property names, outermost first) inside `value`.
    ///
    /// An optional holding a value is looked through; a `[String: any Sendable]` dictionary is
    /// read by key.
    static func read(
        _ path: [Substring],
        from value: any Sendable
    ) -> Result<any Sendable, Failure> {
        var current = value
        for (depth, name) in path.enumerated() {
            guard let next = child(named: name, of: current) else {
                return .failure(Failure(
                    field: path[...depth].joined(separator: "."),
                    typeName: String(describing: type(of: current)),
                    available: fieldNames(of: current)
                ))
            }
            current = next
        }
        return .success(current)
    }

    private static func child(named name: Substring, of value: any Sendable) -> (any Sendable)? {
        if let dictionary = cast(value, to: [String: any Sendable].self) {
            return dictionary[String(name)]
        }
        var mirror: Mirror? = Mirror(reflecting: value)
        if mirror?.displayStyle == .optional {
            guard let wrapped = mirror?.children.first?.value else { return nil }
            mirror = Mirror(reflecting: wrapped)
        }
        while let current = mirror {
            let match = current.children.first { $0.label.map { $0 == name } ?? false }
            if let match { return cast(match.value, to: (any Sendable).self) }
            mirror = current.superclassMirror
        }
        return nil
    }

    private static func fieldNames(of value: any Sendable) -> [String] {
        if let dictionary = cast(value, to: [String: any Sendable].self) {
            return dictionary.keys.sorted()
        }
        var names: [String] = []
        var mirror: Mirror? = Mirror(reflecting: value)
        if mirror?.displayStyle == .optional {
            mirror = mirror?.children.first.map { Mirror(reflecting: $0.value) }
        }
        while let current = mirror {
            names += current.children.compactMap(\.label)
            mirror = current.superclassMirror
        }
        return names
    }

    /// A dynamic cast, written generically because Swift rejects a direct cast to the marker
    /// protocol `Sendable`.
    ///
    /// Every stored property of a `Sendable` value is itself `Sendable` (the compiler checks
    /// this for the value's type), so treating a `Mirror` child as `any Sendable` is sound.
    private static func cast<Target>(_ value: Any, to target: Target.Type) -> Target? {
        value as? Target
    }
}
