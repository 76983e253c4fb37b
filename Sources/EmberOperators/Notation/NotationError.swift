/// A system description that cannot be built, naming the offending text and where it is.
public struct NotationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, as a phrase naming the offending text (`unknown node code "Q"`).
    public let problem: String
    /// Where the offending text starts, in characters from the start of ``source``.
    public let offset: Int
    /// The description the offset counts in: the whole string, or one array element.
    public let source: String
    /// What would be accepted, when there is something to say.
    public let hint: String?
    /// The component the text belongs to, when it came from a `$name` expansion.
    public let component: String?

    /// Creates an error about the text at `offset` in `source`.
    public init(_ problem: String, offset: Int, in source: String, hint: String? = nil,
         component: String? = nil) {
        self.problem = problem
        self.offset = offset
        self.source = source
        self.hint = hint
        self.component = component
    }

    /// The same error, marked as coming from component `name`.
    func inComponent(_ name: String) -> Self {
        component == nil
            ? Self(problem, offset: offset, in: source, hint: hint, component: name) : self
    }

    public var description: String {
        var text = "\(problem.prefix(1).uppercased())\(problem.dropFirst()) at offset "
            + "\(offset) in \"\(source)\""
        if let component { text += " (component $\(component))" }
        if let hint { text += "; \(hint)" }
        return text + "."
    }
}
