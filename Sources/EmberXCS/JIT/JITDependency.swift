/// Where a recorded operator call's input came from, as far as the JIT could tell.
///
/// The JIT compares values, not the code that built them: an input equal to the function's
/// argument came from the argument; one equal to an earlier call's output, or a collection or
/// struct holding such outputs (a judge's list of drafts), came from those calls. An input the
/// function built from them (by string interpolation, say) has no known source.
public enum JITDependency: Hashable, Sendable, CustomStringConvertible {
    /// The function's argument: the input equalled it.
    case argument
    /// The output of the recorded call at this index, counted from 0.
    case output(Int)

    /// `argument`, or `output of call N` counted from 1 as diagrams count.
    public var description: String {
        switch self {
        case .argument: "argument"
        case .output(let index): "output of call \(index + 1)"
        }
    }
}
