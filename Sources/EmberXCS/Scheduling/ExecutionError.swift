/// A problem found while a plan runs, before or around a node's own work: a graph input the
/// caller did not supply, a field missing from a node's output, or a value of the wrong type
/// for a typed operator.
///
/// When a node's input cannot be built, the node fails with this error, so under
/// ``ErrorPolicy/failFast`` it arrives wrapped in a ``NodeFailure``.
public struct ExecutionError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case missingGraphInput(name: String, supplied: [String])
        case inputTypeMismatch(node: String, expected: String, actual: String)
        case wrongEdgeCount(node: String, expected: Int, actual: Int)
        case unknownField(node: String, source: String, field: String, type: String,
                          available: [String])
        case unknownOutputField(output: String, source: String, field: String, type: String,
                                available: [String])
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// The run was given no value for a declared graph input.
    static func missingGraphInput(_ name: String, supplied: [String]) -> ExecutionError {
        ExecutionError(.missingGraphInput(name: name, supplied: supplied.sorted()))
    }

    /// A typed operator's node received a value it cannot cast to its input type.
    static func inputTypeMismatch(node: String, expected: String, actual: String)
        -> ExecutionError {
        ExecutionError(.inputTypeMismatch(node: node, expected: expected, actual: actual))
    }

    /// A node received another number of values than it takes.
    static func wrongEdgeCount(node: String, expected: Int, actual: Int) -> ExecutionError {
        ExecutionError(.wrongEdgeCount(node: node, expected: expected, actual: actual))
    }

    /// A field edge names a property the source node's output does not have.
    static func unknownField(
        node: String,
        source: String,
        field: String,
        type: String,
        available: [String]
    ) -> ExecutionError {
        ExecutionError(.unknownField(node: node, source: source, field: field, type: type,
                                     available: available))
    }

    /// A graph output names a field its node's value does not have.
    static func unknownOutputField(
        output: String,
        source: String,
        field: String,
        type: String,
        available: [String]
    ) -> ExecutionError {
        ExecutionError(.unknownOutputField(output: output, source: source, field: field,
                                           type: type, available: available))
    }

    /// The node whose input could not be built (for an output, the node it reads), or `nil`
    /// for a missing graph input.
    public var nodeID: String? {
        switch code {
        case .missingGraphInput: nil
        case .inputTypeMismatch(let node, _, _), .wrongEdgeCount(let node, _, _),
             .unknownField(let node, _, _, _, _), .unknownOutputField(_, let node, _, _, _): node
        }
    }

    /// A sentence saying what was wrong, where, and what would be accepted.
    public var description: String {
        switch code {
        case .missingGraphInput(let name, let supplied):
            let list = supplied.isEmpty ? "none" : supplied.joined(separator: ", ")
            return "The graph needs input '\(name)', but the run was given only: \(list); "
                + "pass a value for '\(name)' in the inputs dictionary."
        case .inputTypeMismatch(let node, let expected, let actual):
            return "Node '\(node)' takes \(expected), but received a value of type \(actual); "
                + "connect a source that produces \(expected)."
        case .wrongEdgeCount(let node, let expected, let actual):
            return "Node '\(node)' takes \(expected) input value, but received \(actual)."
        case .unknownField(let node, let source, let field, let type, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "Node '\(node)' reads field '\(field)' of node '\(source)', but its output "
                + "of type \(type) has no such stored property; its fields are: \(list)."
        case .unknownOutputField(let output, let source, let field, let type, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "Graph output '\(output)' reads field '\(field)' of node '\(source)', but "
                + "its output of type \(type) has no such stored property; its fields are: "
                + "\(list)."
        }
    }
}
