import Synchronization

/// A parameter a node code accepts in the notation.
public struct ParameterDefinition: Sendable, Hashable {
    /// What values a parameter takes.
    public enum Kind: Sendable, Hashable {
        case number(ClosedRange<Double>)
        case integer(ClosedRange<Int>)
        case bool
        /// One of the listed words.
        case choice([String])
        case string
        case json

        /// Why `value` is not of this kind, or `nil` when it is.
        func problem(with value: NotationValue) -> String? {
            switch (self, value) {
            case (.number(let range), .number(let number)):
                range.contains(number) ? nil
                    : "it must be from \(range.lowerBound) to \(range.upperBound)"
            case (.integer(let range), .number(let number)):
                number.rounded() == number && range.contains(Int(exactly: number) ?? .min)
                    ? nil : "it must be a whole number from \(range.lowerBound) "
                        + "to \(range.upperBound)"
            case (.bool, .bool), (.string, _), (.json, .json):
                nil
            case (.choice(let words), _):
                words.contains(value.text) ? nil
                    : "it must be one of \(words.joined(separator: ", "))"
            case (.number, _), (.integer, _): "it must be a number"
            case (.bool, _): "it must be true or false"
            case (.json, _): "it must be a JSON array or object"
            }
        }
    }

    /// The canonical key, such as `temperature`.
    public var name: String
    /// Other keys accepted for it, such as `temp`.
    public var aliases: [String]
    /// The values it takes.
    public var kind: Kind
    /// One sentence on what it does.
    public var help: String

    /// Creates a parameter definition.
    public init(_ name: String, aliases: [String] = [], kind: Kind, help: String) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.help = help
    }
}

/// What a node code builds: its operator, what it accepts, and how to make it.
public struct NodeCodeDefinition: Sendable {
    /// The upper-case code, such as `E`.
    public var code: String
    /// The operator's name, such as `UniformEnsemble`.
    public var name: String
    /// One sentence on what the node does.
    public var summary: String
    /// Whether the node calls a model (and so takes `@model`, or the default model).
    public var needsModel: Bool
    /// Whether a count other than 1 means something for the node.
    public var acceptsCount: Bool
    /// Whether the node reads the candidates of nodes that flow into it (`J`, `V`, `M`,
    /// `S`) and so needs at least one; a node that does not (`E`, which reads only the
    /// query) takes no flow into it.
    public var readsUpstream: Bool
    /// The parameters it accepts.
    public var parameters: [ParameterDefinition]
    /// Builds the node from its specification.
    public var make: @Sendable (NodeSpecification, SystemBuildContext) throws -> any SystemNode

    /// Creates a definition.
    public init(code: String, name: String, summary: String, needsModel: Bool,
                acceptsCount: Bool, readsUpstream: Bool = true,
                parameters: [ParameterDefinition],
                make: @escaping @Sendable (NodeSpecification, SystemBuildContext) throws
                    -> any SystemNode) {
        self.code = code
        self.name = name
        self.summary = summary
        self.needsModel = needsModel
        self.acceptsCount = acceptsCount
        self.readsUpstream = readsUpstream
        self.parameters = parameters
        self.make = make
    }

    /// The parameter a key names, by its name or an alias.
    public func parameter(named key: String) -> ParameterDefinition? {
        parameters.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The accepted keys, for error messages.
    var parameterList: String {
        parameters.isEmpty ? "no parameters"
            : parameters.map { ([$0.name] + $0.aliases).joined(separator: "/") }
                .joined(separator: ", ")
    }
}

/// The node codes the notation knows, by code: `E`, `J`, `V`, `M`, `S` and any registered.
///
/// A value type: registering on a copy leaves the original as it was.
public struct NodeCodeRegistry: Sendable {
    private var definitions: [String: NodeCodeDefinition]

    /// A registry with no codes.
    public init() {
        definitions = [:]
    }

    /// Adds or replaces a code's definition.
    ///
    /// - Precondition: the code is one or more upper-case ASCII letters.
    public mutating func register(_ definition: NodeCodeDefinition) {
        precondition(!definition.code.isEmpty
                     && definition.code.allSatisfy(\.isASCIIUppercase),
                     "a node code is upper-case letters, not \"\(definition.code)\"")
        definitions[definition.code] = definition
    }

    /// The definition of `code`, if it is registered.
    public func definition(for code: String) -> NodeCodeDefinition? {
        definitions[code]
    }

    /// Every definition, by code.
    public var allDefinitions: [NodeCodeDefinition] {
        definitions.values.sorted { $0.code < $1.code }
    }

    /// The codes, for error messages: `E, J, M, S, V`.
    var codeList: String {
        definitions.keys.sorted().joined(separator: ", ")
    }
}
