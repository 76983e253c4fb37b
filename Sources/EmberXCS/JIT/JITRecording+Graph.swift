extension JITRecording {
    /// The recording as a ``Graph``: the argument as graph input `argument`, a node per
    /// call (`call1`, `call2`, … in call order, described by the operator), an edge for
    /// each source the recording found, and, when known, the call whose output the
    /// function returned as graph output `result`.
    ///
    /// It is meant to be printed with ``Graph/dot(title:)`` or ``Graph/mermaid()``. A node
    /// whose input was exactly one known value runs its operator on it; any other node
    /// fails with ``JITError`` if the graph is run.
    public func graph() -> Graph {
        var graph = Graph()
        graph.addInput(Self.argumentInput)
        for call in calls {
            let id = Self.nodeID(call.index)
            graph.addNode(id: id, descriptor: call.descriptor, operation: call.nodeOperation(id))
            for dependency in call.dependencies {
                graph.connect(Self.source(of: dependency), to: id)
            }
        }
        if let resultSource {
            graph.addOutput(.node(Self.nodeID(resultSource)), name: "result")
        }
        return graph
    }

    /// The graph input that stands for the function's argument.
    static let argumentInput = "argument"

    /// The id of the node for the call at `index`: `call1` for the first.
    static func nodeID(_ index: Int) -> String { "call\(index + 1)" }

    private static func source(of dependency: JITDependency) -> ValueSource {
        switch dependency {
        case .argument: .input(argumentInput)
        case .output(let index): .node(nodeID(index))
        }
    }
}

extension JITRecording.Call {
    /// What the call's node does when the graph runs.
    fileprivate func nodeOperation(_ id: String) -> NodeOperation {
        guard dependencies.count == 1 else {
            let dependencies = dependencies
            return { _ in throw JITError(nodeID: id, dependencies: dependencies) }
        }
        let work = work
        return { inputs in
            let value = inputs[0]
            guard let call = work.call(on: value) else {
                throw ExecutionError.inputTypeMismatch(
                    node: id, expected: work.descriptor.input,
                    actual: String(describing: type(of: value)))
            }
            return try await call()
        }
    }
}
