import EmberModels
import EmberXCS

/// Operators by name, each with a factory that builds it from an ``OperatorConfiguration``.
///
/// A value type: registering on a copy leaves the original as it was, so one registry can
/// be shared and extended per application or per test.
///
/// ```swift
/// var registry = OperatorRegistry()
/// registry.register("grader", summary: "Grades an answer.") { configuration in
///     ModelOperator(specification, caller: try configuration.modelCaller())
/// }
/// let grader = try registry.make("grader", input: Submission.self, output: Grade.self,
///                                configuration: OperatorConfiguration(caller: caller))
/// ```
public struct OperatorRegistry: Sendable {
    /// One registered operator: its name, what it takes and returns, and how to build it.
    public struct Entry: Sendable {
        /// The name it is registered as.
        public let name: String
        /// What the operator is and what it takes and returns.
        public let descriptor: OperatorDescriptor
        /// The input and output types, when registration stated them.
        fileprivate let types: (input: ObjectIdentifier, output: ObjectIdentifier)?
        fileprivate let factory: @Sendable (OperatorConfiguration) throws -> any Operator
    }

    private var entriesByName: [String: Entry] = [:]

    /// A registry with no operators.
    public init() {}

    /// Registers an operator type's factory as `name`, replacing any entry of that name.
    ///
    /// The descriptor is made from the type: its name, its input and output types, and
    /// `summary`. The factory runs on every ``make(_:configuration:)``, not here.
    public mutating func register<Made: Operator>(
        _ name: String, summary: String? = nil,
        factory: @escaping @Sendable (OperatorConfiguration) throws -> Made
    ) {
        let descriptor = OperatorDescriptor(name: String(describing: Made.self),
                                            input: String(describing: Made.Input.self),
                                            output: String(describing: Made.Output.self),
                                            summary: summary)
        entriesByName[name] = Entry(
            name: name, descriptor: descriptor,
            types: (ObjectIdentifier(Made.Input.self), ObjectIdentifier(Made.Output.self)),
            factory: { configuration in try factory(configuration) })
    }

    /// Registers a factory whose operator's type is known only when it is built, as
    /// `name`, replacing any entry of that name.
    ///
    /// ``make(_:input:output:configuration:)`` checks the built operator's types, since
    /// `descriptor` is taken on trust.
    public mutating func register(
        _ name: String, descriptor: OperatorDescriptor,
        factory: @escaping @Sendable (OperatorConfiguration) throws -> any Operator
    ) {
        entriesByName[name] = Entry(name: name, descriptor: descriptor, types: nil,
                                    factory: factory)
    }

    /// The registered names, sorted.
    public var names: [String] {
        entriesByName.keys.sorted()
    }

    /// Every entry, sorted by name.
    public var entries: [Entry] {
        entriesByName.values.sorted { $0.name < $1.name }
    }

    /// The entry registered as `name`.
    ///
    /// - Throws: ``OperatorRegistryError`` listing close registered names and all of them.
    public func lookup(_ name: String) throws(OperatorRegistryError) -> Entry {
        guard let entry = entriesByName[name] else {
            throw .unknownOperator(name, suggestions: closeNames(to: name),
                                   registered: names)
        }
        return entry
    }

    /// Builds the operator registered as `name`, of whatever types it has.
    ///
    /// - Throws: ``OperatorRegistryError`` for an unknown name, or one the factory threw
    ///   (a missing model, an unreadable setting) now naming the operator; any other error
    ///   the factory throws, such as a ``PromptError``, as it is.
    public func make(_ name: String,
                     configuration: OperatorConfiguration = OperatorConfiguration()) throws
        -> any Operator
    {
        let entry = try lookup(name)
        do {
            return try entry.factory(configuration)
        } catch let error as OperatorRegistryError {
            throw error.about(name)
        }
    }

    /// Builds the operator registered as `name`, as one that takes `Input` and returns
    /// `Output`.
    ///
    /// - Throws: ``OperatorRegistryError`` naming the operator's types and the ones asked
    ///   for when they differ (checked before building when registration stated them), or
    ///   as ``make(_:configuration:)`` does.
    public func make<Input: Sendable, Output: Sendable>(
        _ name: String, input: Input.Type, output: Output.Type,
        configuration: OperatorConfiguration = OperatorConfiguration()
    ) throws -> any Operator<Input, Output> {
        let entry = try lookup(name)
        let expected = "\(String(describing: Input.self)) -> \(String(describing: Output.self))"
        if let types = entry.types,
           types != (ObjectIdentifier(Input.self), ObjectIdentifier(Output.self)) {
            throw OperatorRegistryError.typeMismatch(name, expected: expected,
                                                     registered: entry.descriptor)
        }
        let made = try make(name, configuration: configuration)
        guard let typed = made as? any Operator<Input, Output> else {
            throw OperatorRegistryError.typeMismatch(name, expected: expected,
                                                     registered: made.descriptor)
        }
        return typed
    }

    /// Registered names close to `name`, closest first.
    private func closeNames(to name: String) -> [String] {
        EmberModels.closeNames(to: name, among: names)
    }
}
