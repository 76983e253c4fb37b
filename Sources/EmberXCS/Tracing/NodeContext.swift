/// The node a task is running for, visible to that node's operation and every task it
/// starts.
///
/// Schedulers bind it around each node's operation. An operation uses it to learn its node's
/// id and to attach notes to its own trace event, which is how a model layer records tokens
/// and cost without knowing about graphs:
///
/// ```swift
/// graph.addNode(id: "draft") { inputs in
///     let reply = try await model.complete(prompt)
///     NodeContext.annotate(key: "usage.tokens", value: String(reply.tokens))
///     return reply.text
/// }
/// ```
public struct NodeContext: Sendable {
    /// The id of the running node.
    public let nodeID: String
    /// The node's position in its plan, which keys its annotations.
    let position: Int
    /// Where the run collects annotations.
    let store: AnnotationStore

    @TaskLocal static var bound: NodeContext?

    /// The context of the node the current task runs for, or `nil` outside any node.
    ///
    /// Inside a graph run nested in a node, it is the inner node's context.
    public static var current: NodeContext? { bound }

    /// Attaches `value` under `key` to the current node's trace event; does nothing outside a
    /// node.
    ///
    /// A later value for the same key replaces the earlier one. Safe to call from any task the
    /// node's operation starts.
    public static func annotate(key: String, value: String) {
        bound?.annotate(key: key, value: value)
    }

    /// Attaches `value` under `key` to this node's trace event.
    public func annotate(key: String, value: String) {
        store.set(value, forKey: key, position: position)
    }

    /// The annotations attached so far to this node's trace event.
    public var annotations: [String: String] {
        store.annotations(at: position)
    }
}
