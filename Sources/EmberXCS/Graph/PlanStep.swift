/// One node of an ``ExecutionPlan``. Its resolved inputs, predecessors and successors are
/// kept in the plan's flat lists, under the step's position.
///
/// A class, so that reading a step while running costs one reference count rather than a copy
/// of every field; it is immutable and shared by every run of the plan.
final class PlanStep: Sendable {
    /// Where one incoming value comes from, resolved for fast lookup while running.
    enum Input: Sendable {
        /// The graph input with this name.
        case graphInput(String)
        /// The whole output of the step at this position.
        case step(Int)
        /// A field of the output of the step at this position; the path is the field name
        /// split at its dots.
        case field(step: Int, path: [Substring])
    }

    let id: String
    let label: String?
    let descriptor: OperatorDescriptor?
    let operation: NodeOperation
    /// The sources of the incoming edges, in connection order.
    let sources: [ValueSource]
    /// The port of each incoming edge, aligned with `sources`.
    let ports: [String]
    /// The wave this step belongs to: one more than the latest wave it depends on.
    let wave: Int

    init(
        id: String,
        label: String?,
        descriptor: OperatorDescriptor?,
        operation: @escaping NodeOperation,
        sources: [ValueSource],
        ports: [String],
        wave: Int
    ) {
        self.id = id
        self.label = label
        self.descriptor = descriptor
        self.operation = operation
        self.sources = sources
        self.ports = ports
        self.wave = wave
    }
}
