/// The state of one run of a plan, owned by the scheduler's loop and never shared.
///
/// Every scheduler keeps one: it builds each node's inputs from the outputs so far, records
/// completions, releases the nodes that become ready (or skipped) and assembles the
/// ``GraphRun`` at the end. It holds no lock: only the loop that owns it touches it.
struct RunState {
    /// A finished node's timing and outcome.
    struct Record: Sendable {
        var start: Timestamp
        var end: Timestamp
        var outcome: NodeOutcome
    }

    let plan: ExecutionPlan
    let policy: ErrorPolicy
    let graphInputs: [String: any Sendable]
    let annotations = AnnotationStore()
    let start = Timestamp.now

    private var outputs: [(any Sendable)?]
    private var records: [Record?]
    private var errors: [Int: any Error] = [:]
    private var skippedPositions: [Int] = []
    private var isBlocked: [Bool]
    private var remainingInputs: [Int]
    /// The first node to fail and its error, for a fail-fast run.
    private(set) var firstFailure: (position: Int, error: any Error)?

    /// Starts a run, checking that every graph input has a value.
    init(plan: ExecutionPlan, inputs: [String: any Sendable], policy: ErrorPolicy)
        throws(ExecutionError) {
        for name in plan.inputNames where inputs[name] == nil {
            throw ExecutionError.missingGraphInput(name, supplied: Array(inputs.keys))
        }
        self.plan = plan
        self.policy = policy
        self.graphInputs = inputs
        outputs = Array(repeating: nil, count: plan.nodeCount)
        records = Array(repeating: nil, count: plan.nodeCount)
        isBlocked = Array(repeating: false, count: plan.nodeCount)
        remainingInputs = plan.predecessorCounts
    }

    /// Whether the node at `position` has finished, failed or been skipped.
    func hasFinished(_ position: Int) -> Bool {
        records[position] != nil
    }

    /// The values for a node's incoming edges, or the error that prevents building them.
    func inputs(for position: Int) -> Result<NodeInputs, ExecutionError> {
        let inputs = plan.stepInputs[position]
        switch inputs.count {
        case 0:
            // A node that reads nothing shares no list with the plan: nothing to retain.
            return .success(NodeInputs(values: [], sources: [], ports: []))
        case 1:
            // The usual node, with one edge, keeps its value inline: no array to allocate.
            return value(of: inputs[inputs.startIndex], for: position).map {
                NodeInputs(value: $0, plan: plan, step: position)
            }
        default:
            var values: [any Sendable] = []
            values.reserveCapacity(inputs.count)
            for input in inputs {
                switch value(of: input, for: position) {
                case .success(let value): values.append(value)
                case .failure(let error): return .failure(error)
                }
            }
            return .success(NodeInputs(values: values, plan: plan, step: position))
        }
    }

    /// The value one incoming edge of the node at `position` brings.
    private func value(of input: StepInput, for position: Int)
        -> Result<any Sendable, ExecutionError> {
        switch input {
        case .graphInput(let name):
            guard let value = graphInputs[name] else {
                return .failure(.missingGraphInput(name, supplied: Array(graphInputs.keys)))
            }
            return .success(value)
        case .step(let source):
            return .success(output(at: source))
        case .field(let source, let path):
            return FieldReader.read(path, from: output(at: source)).mapError { failure in
                .unknownField(
                    node: plan.ids[position], source: plan.ids[source], field: failure.field,
                    type: failure.typeName, available: failure.available
                )
            }
        }
    }

    private func output(at position: Int) -> any Sendable {
        guard let value = outputs[position] else {
            preconditionFailure("node '\(plan.ids[position])' read before it succeeded")
        }
        return value
    }

    /// Records how a node ended and reports whether the run must stop: true for the first
    /// failure of a fail-fast run.
    mutating func record(_ completion: NodeCompletion) -> Bool {
        let position = completion.position
        switch completion.result {
        case .success(let value):
            outputs[position] = value
            records[position] = Record(start: completion.start, end: completion.end,
                                       outcome: .succeeded)
            return false
        case .failure(let error):
            let outcome: NodeOutcome = completion.wasCancelled
                ? .cancelled
                : .failed(String(describing: error))
            records[position] = Record(start: completion.start, end: completion.end,
                                       outcome: outcome)
            errors[position] = error
            guard policy.stopsAtFirstFailure, firstFailure == nil else { return false }
            firstFailure = (position, error)
            return true
        }
    }

    /// Counts a finished node against its successors' inputs and appends to `ready` each one
    /// whose inputs are now all there.
    ///
    /// A successor of a node that did not succeed is marked skipped instead, and its own
    /// successors are released in turn. Costs time proportional to the successors touched.
    mutating func release(_ position: Int, into ready: inout [Int]) {
        guard outputs[position] != nil else {
            propagateFailure(from: position)
            return
        }
        for successor in plan.stepSuccessors[position] {
            remainingInputs[successor] -= 1
            guard remainingInputs[successor] == 0 else { continue }
            if isBlocked[successor] {
                markSkipped(successor)
                propagateFailure(from: successor)
            } else {
                ready.append(successor)
            }
        }
    }

    /// Blocks the successors of a node that did not succeed; each one whose inputs have all
    /// finished is skipped, and blocks its own successors in turn.
    private mutating func propagateFailure(from position: Int) {
        var unsuccessful = [position]
        while let current = unsuccessful.popLast() {
            for successor in plan.stepSuccessors[current] {
                isBlocked[successor] = true
                remainingInputs[successor] -= 1
                guard remainingInputs[successor] == 0 else { continue }
                markSkipped(successor)
                unsuccessful.append(successor)
            }
        }
    }

    private mutating func markSkipped(_ position: Int) {
        let now = Timestamp.now
        records[position] = Record(start: now, end: now, outcome: .skipped)
        skippedPositions.append(position)
    }

    /// The trace of the run so far, ending now.
    func trace() -> Trace {
        Self.trace(plan: plan, records: records, annotations: annotations.all(), start: start,
                   end: .now)
    }

    private static func trace(
        plan: ExecutionPlan,
        records: [Record?],
        annotations: [Int: [String: String]],
        start: Timestamp,
        end: Timestamp
    ) -> Trace {
        var events: [TraceEvent] = []
        events.reserveCapacity(plan.nodeCount)
        for (position, record) in records.enumerated() {
            guard let record else { continue }
            let notes = annotations.isEmpty ? [:] : annotations[position] ?? [:]
            events.append(TraceEvent(
                nodeID: plan.ids[position], label: plan.label(at: position),
                start: record.start.instant, end: record.end.instant, outcome: record.outcome,
                annotations: notes, dependencies: plan.predecessorIDs(of: position)
            ))
        }
        return Trace(events: events, start: start.instant, end: end.instant)
    }

    /// The error to throw when the run stopped early: `CancellationError` when the calling
    /// task was cancelled, else the first failure of a fail-fast run; `nil` otherwise.
    func stoppingError() -> (any Error)? {
        if Task.isCancelled { return CancellationError() }
        guard let firstFailure else { return nil }
        return NodeFailure(nodeID: plan.ids[firstFailure.position],
                           underlying: firstFailure.error, trace: trace())
    }

    /// The results of a run that has finished.
    ///
    /// The per-node outputs and the trace are built only when the caller reads them.
    ///
    /// - Throws: ``ExecutionError`` when an output reads a field its node's value lacks.
    func result() throws(ExecutionError) -> GraphRun {
        var failures: [String: any Error] = [:]
        for (position, error) in errors { failures[plan.ids[position]] = error }
        let skipped = Set(skippedPositions.map { plan.ids[$0] })
        var named: [String: any Sendable] = [:]
        for output in plan.outputs {
            named[output.name] = try value(of: output)
        }
        let (ids, values, records) = (plan.ids, outputs, records)
        let (runPlan, notes, start, end) = (plan, annotations.all(), start, Timestamp.now)
        return GraphRun(
            outputs: named, failures: failures, skipped: skipped, inputs: graphInputs,
            nodeOutputs: {
                var nodeOutputs: [String: any Sendable] = [:]
                nodeOutputs.reserveCapacity(values.count)
                for (position, value) in values.enumerated() {
                    if let value { nodeOutputs[ids[position]] = value }
                }
                return nodeOutputs
            },
            trace: {
                Self.trace(plan: runPlan, records: records, annotations: notes, start: start,
                           end: end)
            }
        )
    }

    private func value(of output: GraphOutput) throws(ExecutionError) -> (any Sendable)? {
        switch output.source {
        case .input(let name):
            return graphInputs[name]
        case .node(let id):
            return plan.positions[id].flatMap { outputs[$0] }
        case .field(let id, let field):
            guard let position = plan.positions[id], let value = outputs[position] else {
                return nil
            }
            switch FieldReader.read(field.split(separator: "."), from: value) {
            case .success(let fieldValue):
                return fieldValue
            case .failure(let failure):
                throw ExecutionError.unknownOutputField(
                    output: output.name, source: id, field: failure.field,
                    type: failure.typeName, available: failure.available
                )
            }
        }
    }
}
