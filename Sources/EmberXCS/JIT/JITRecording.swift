/// The operator calls one run of a jitted function made, in the order it made them, with
/// the sources of their inputs.
///
/// A ``JITFunction`` keeps the latest recording; the calls whose input was the function's
/// argument are the ones it launches ahead on later runs. ``graph()`` draws it.
public struct JITRecording: Sendable {
    /// One operator call of the recording.
    public struct Call: Sendable {
        /// The call's position in the recording, counted from 0.
        public let index: Int
        /// Where the input came from; empty when the function built it from values the JIT
        /// cannot trace.
        public let dependencies: [JITDependency]
        let identity: OperatorIdentity
        let work: OperatorWork

        /// The operator's descriptor.
        public var descriptor: OperatorDescriptor {
            work.descriptor
        }

        /// Whether a later run launches this call ahead: its input was exactly the
        /// function's argument and its operator has an identity the JIT can compare (its
        /// type is `Hashable`, see ``IdentifiedOperator``).
        public var isComputableAhead: Bool {
            dependencies == [.argument] && identity.key != nil && work.isInputHashable
        }
    }

    /// The calls, in the order the function made them.
    public let calls: [Call]
    /// The index of the call whose output the function returned, when the JIT could tell.
    public let resultSource: Int?

    /// What the JIT compares to decide whether a run took the recorded path.
    var path: [PathStep] {
        calls.map { PathStep(identity: $0.identity, dependencies: $0.dependencies) }
    }

    /// Builds the recording from a run's observations.
    init(observations: [JITObservation], argument: any Sendable, result: any Sendable) {
        let argumentValue = Self.hashable(argument)
        var outputs: [AnyHashable: Int] = [:]
        var calls: [Call] = []
        for (index, observation) in observations.enumerated() {
            let dependencies = Self.dependencies(of: observation.input, argument: argumentValue,
                                                 outputs: outputs)
            calls.append(Call(index: index, dependencies: dependencies,
                              identity: observation.identity, work: observation.work))
            if let output = observation.output.flatMap(Self.hashable) {
                outputs[output] = index
            }
        }
        self.calls = calls
        resultSource = Self.hashable(result).flatMap { outputs[$0] }
    }

    /// The sources of `input`: the argument or an output it equals (the latest such output),
    /// or else those its parts (elements, stored properties) equal, one level down.
    private static func dependencies(
        of input: Any,
        argument: AnyHashable?,
        outputs: [AnyHashable: Int]
    ) -> [JITDependency] {
        func source(of value: Any) -> JITDependency? {
            guard let value = hashable(value) else { return nil }
            if value == argument { return .argument }
            return outputs[value].map { .output($0) }
        }
        if let whole = source(of: input) { return [whole] }
        var found: [JITDependency] = []
        for child in Mirror(reflecting: input).children {
            if let part = source(of: child.value), !found.contains(part) { found.append(part) }
        }
        return found
    }

    private static func hashable(_ value: Any) -> AnyHashable? {
        (value as? any Hashable).map { AnyHashable($0) }
    }
}

/// One step of a call path: which operator was called, on what.
struct PathStep: Hashable, Sendable {
    var identity: OperatorIdentity
    var dependencies: [JITDependency]
}
