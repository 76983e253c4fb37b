/// A plan step's work, kept in a struct so that an array of steps holds each closure as it
/// was given.
///
/// An array of bare closures stores each one at the most general abstraction, behind a
/// reabstraction thunk, and reading one back wraps it in another: every call of a node's
/// operation would then pass through two more async frames, enough to overflow a new task's
/// first allocation slab and cost a worker a `malloc` per node.
struct StepOperation: Sendable {
    let body: NodeOperation
}
