/// Where one incoming value of a plan's step comes from, resolved for fast lookup while
/// running.
enum StepInput: Sendable {
    /// The graph input with this name.
    case graphInput(String)
    /// The whole output of the step at this position.
    case step(Int)
    /// A field of the output of the step at this position; the path is the field name split
    /// at its dots.
    case field(step: Int, path: [Substring])
}
