/// What a scheduler does when a node throws.
public struct ErrorPolicy: Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable, Hashable {
        case failFast = "fail fast"
        case collectPartial = "collect partial"
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// Stop at the first failure: cancel every running node, start no other, and throw a
    /// ``NodeFailure`` naming the node that failed.
    public static let failFast = ErrorPolicy(.failFast)

    /// Keep going: run every node whose inputs all succeeded, skip the nodes downstream of a
    /// failure, and return the partial results with each failure.
    public static let collectPartial = ErrorPolicy(.collectPartial)

    /// Whether the first failure stops the run.
    public var stopsAtFirstFailure: Bool { code == .failFast }

    /// `fail fast` or `collect partial`.
    public var description: String { code.rawValue }
}
