/// Everything wrong with a graph, found by ``Graph/validate()`` or ``Graph/compile()``.
///
/// Validation does not stop at the first problem: a graph with a cycle and a misspelt edge
/// reports both, each naming the nodes involved.
public struct GraphError: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order they were found.
    public var problems: [Problem]

    /// Creates an error from its problems.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// The problems of one kind.
    public func problems(ofKind kind: Problem.Kind) -> [Problem] {
        problems.filter { $0.kind == kind }
    }

    /// One line per problem, under a heading that counts them.
    public var description: String {
        let heading = problems.count == 1
            ? "The graph has 1 problem:"
            : "The graph has \(problems.count) problems:"
        return ([heading] + problems.map { "- \($0.message)" }).joined(separator: "\n")
    }
}

extension GraphError {
    /// One thing wrong with a graph: its kind, the nodes it involves and a sentence on it.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// What sort of problem this is.
        public var kind: Kind
        /// The ids of the nodes (or graph inputs and outputs) involved, most relevant first.
        public var nodeIDs: [String]
        /// A sentence saying what is wrong, where, and what would be accepted.
        public var message: String

        /// Creates a problem.
        public init(kind: Kind, nodeIDs: [String], message: String) {
            self.kind = kind
            self.nodeIDs = nodeIDs
            self.message = message
        }

        /// The problem's sentence.
        public var description: String { message }
    }
}

extension GraphError.Problem {
    /// The sort of a graph problem.
    ///
    /// New kinds may be added; compare with the static members rather than switching.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: String, Sendable, Hashable {
            case duplicateNode = "duplicate node"
            case duplicateInput = "duplicate input"
            case duplicateOutput = "duplicate output"
            case unknownNode = "unknown node"
            case unknownInput = "unknown input"
            case cycle
            case missingEdge = "missing edge"
            case extraEdge = "extra edge"
            case typeMismatch = "type mismatch"
        }

        private let code: Code

        private init(_ code: Code) {
            self.code = code
        }

        /// Two nodes were added with the same id.
        public static let duplicateNode = Kind(.duplicateNode)
        /// Two graph inputs were declared with the same name.
        public static let duplicateInput = Kind(.duplicateInput)
        /// Two graph outputs have the same name.
        public static let duplicateOutput = Kind(.duplicateOutput)
        /// An edge or an output names a node that was never added.
        public static let unknownNode = Kind(.unknownNode)
        /// An edge or an output names a graph input that was never declared.
        public static let unknownInput = Kind(.unknownInput)
        /// Edges form a loop, so no node on it could ever start.
        public static let cycle = Kind(.cycle)
        /// A node that needs an incoming edge has none.
        public static let missingEdge = Kind(.missingEdge)
        /// A node that takes exactly one incoming edge has more.
        public static let extraEdge = Kind(.extraEdge)
        /// An edge carries a value of one type to a node that takes another.
        public static let typeMismatch = Kind(.typeMismatch)

        /// The kind's name, such as `cycle` or `unknown node`.
        public var description: String { code.rawValue }
    }
}
