/// How much a log line matters, from the most detailed to the most severe.
public enum LogLevel: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case trace, debug, info, notice, warning, error, critical

    /// Reads a level's name, as written in configuration and `EMBER_LOG_LEVEL`.
    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.description == name.lowercased() })
        else { return nil }
        self = level
    }

    public var description: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
