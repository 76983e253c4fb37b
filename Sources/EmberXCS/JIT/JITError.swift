/// A node of a recording's graph was run, but the graph cannot recompute its input.
///
/// ``JITRecording/graph()`` draws every recorded call; a node can run only when its input was
/// one known value (the argument or one earlier call's output). A call whose input the
/// function built in its own code, or assembled from several outputs, is drawn with its
/// sources but fails with this error when the graph runs.
public struct JITError: Error, Sendable, CustomStringConvertible {
    /// The id of the node that cannot run.
    public let nodeID: String
    /// The sources the recording found for the node's input.
    public let dependencies: [JITDependency]

    /// A sentence naming the node and its sources.
    public var description: String {
        let sources = dependencies.isEmpty
            ? "no source the JIT could trace"
            : dependencies.map(\.description).joined(separator: ", ")
        return "Node '\(nodeID)' of a JIT recording cannot run: the function built its input "
            + "from \(sources); only a call whose input was exactly the argument or one "
            + "earlier call's output can run in the recording's graph. Run the jitted "
            + "function instead."
    }
}
