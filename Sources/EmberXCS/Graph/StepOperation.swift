/// A plan step's work, kept in a struct so that an array of steps holds each closure as it
/// was given.
///
/// An array of bare closures stores each one at the most general abstraction, behind a
/// reabstraction thunk, and reading one back wraps it in another: compiling a plan would
/// allocate a thunk context per node, and every call of a node's operation would pass
/// through two more async frames.
struct StepOperation: Sendable {
    let body: NodeOperation
}
