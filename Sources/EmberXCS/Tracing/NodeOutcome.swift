/// How one node's run ended.
public enum NodeOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The node returned a value.
    case succeeded
    /// The node threw; the associated value is the error's description.
    case failed(String)
    /// The node stopped because its task was cancelled: by a failure elsewhere under
    /// fail-fast, by a quorum that no longer needed it, or by the caller.
    case cancelled
    /// The node never ran because a node it depends on failed or was skipped.
    case skipped

    /// `succeeded`, `failed: <error>`, `cancelled` or `skipped`.
    public var description: String {
        switch self {
        case .succeeded: "succeeded"
        case .failed(let reason): "failed: \(reason)"
        case .cancelled: "cancelled"
        case .skipped: "skipped"
        }
    }

    /// The outcome's name without its error: `succeeded`, `failed`, `cancelled`, `skipped`.
    public var name: String {
        switch self {
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .skipped: "skipped"
        }
    }
}
