/// The results of one run of a plan.
///
/// Under ``ErrorPolicy/failFast`` a returned run is complete: every node succeeded. Under
/// ``ErrorPolicy/collectPartial`` it holds whatever finished: the outputs whose sources
/// succeeded, each failed node's error, and the nodes skipped because something they depend
/// on failed.
public struct GraphRun: Sendable {
    /// The graph's declared outputs, by name; an output whose source failed or was skipped is
    /// absent.
    public var outputs: [String: any Sendable]
    /// The error of every node that failed, by node id.
    public var failures: [String: any Error]
    /// The nodes that never ran because a node they depend on failed or was skipped.
    public var skipped: Set<String>
    /// The graph inputs the run was given.
    public var inputs: [String: any Sendable]

    private var nodeOutputsValue: LazyValue<[String: any Sendable]>
    private var traceValue: LazyValue<Trace>

    /// The output of every node that succeeded, by node id.
    ///
    /// Built on first read (once, for every copy of this run), so that a run whose caller
    /// reads only ``outputs`` does not pay for a dictionary of every node.
    public var nodeOutputs: [String: any Sendable] {
        get { nodeOutputsValue.value }
        set { nodeOutputsValue = LazyValue(value: newValue) }
    }

    /// When each node ran and how it ended.
    ///
    /// Built on first read, like ``nodeOutputs``.
    public var trace: Trace {
        get { traceValue.value }
        set { traceValue = LazyValue(value: newValue) }
    }

    /// Creates a run's results.
    public init(
        outputs: [String: any Sendable],
        nodeOutputs: [String: any Sendable],
        failures: [String: any Error] = [:],
        skipped: Set<String> = [],
        trace: Trace,
        inputs: [String: any Sendable] = [:]
    ) {
        self.outputs = outputs
        self.failures = failures
        self.skipped = skipped
        self.inputs = inputs
        nodeOutputsValue = LazyValue(value: nodeOutputs)
        traceValue = LazyValue(value: trace)
    }

    /// Creates a run's results whose per-node outputs and trace are built when first read.
    init(
        outputs: [String: any Sendable],
        failures: [String: any Error],
        skipped: Set<String>,
        inputs: [String: any Sendable],
        nodeOutputs: @escaping @Sendable () -> [String: any Sendable],
        trace: @escaping @Sendable () -> Trace
    ) {
        self.outputs = outputs
        self.failures = failures
        self.skipped = skipped
        self.inputs = inputs
        nodeOutputsValue = LazyValue(nodeOutputs)
        traceValue = LazyValue(trace)
    }

    /// Whether every node succeeded.
    public var isComplete: Bool { failures.isEmpty && skipped.isEmpty }

    /// The output named `name`, cast to `type`; `nil` when absent or of another type.
    public func output<Value>(_ name: String, as type: Value.Type = Value.self) -> Value? {
        outputs[name] as? Value
    }

    /// The value `source` had in this run: a graph input, a node's output or one field of it;
    /// `nil` when it has none.
    public func output(from source: ValueSource) -> (any Sendable)? {
        switch source {
        case .input(let name):
            inputs[name]
        case .node(let id):
            nodeOutputs[id]
        case .field(let id, let field):
            nodeOutputs[id].flatMap { value in
                try? FieldReader.read(field.split(separator: "."), from: value).get()
            }
        }
    }
}
