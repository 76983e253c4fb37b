/// The state of one run of a plan, owned by the scheduler's loop and never shared.
///
/// Every scheduler keeps one: it builds each node's inputs from the outputs so far, records
/// completions, releases the nodes that become ready (or skipped) and assembles the
/// ``GraphRun`` at the end. It holds no lock: only the loop that owns it touches it.
struct RunState {
    /// A finished node's timing and outcome.
    private struct Record {
        var start: ContinuousClock.Instant
        var end: ContinuousClock.Instant
        var outcome: NodeOutcome
    }

    let plan: ExecutionPlan
    let policy: ErrorPolicy
    let graphInputs: [String: any Sendable]
    let annotations = AnnotationStore()
    let start = ContinuousClock.now

    private var outputs: [(any Sendable)?]
    private var records: [Record?]
    private var errors: [Int: any Error] = [:]
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
        remainingInputs = plan.steps.map(\.predecessors.count)
    }

    /// The positions of the nodes that read no other node, in plan order.
    var sourcePositions: [Int] {
        plan.steps.indices.filter { plan.steps[$0].predecessors.isEmpty }
    }

    /// Whether the node at `position` has finished, failed or been skipped.
    func hasFinished(_ position: Int) -> Bool {
        records[position] != nil
    }

    /// The values for a node's incoming edges, or the error that prevents building them.
    func inputs(for position: Int) -> Result<NodeInputs, ExecutionError> {
        let step = plan.steps[position]
        var values: [any Sendable] = []
        values.reserveCapacity(step.inputs.count)
        for input in step.inputs {
            switch input {
            case .graphInput(let name):
                guard let value = graphInputs[name] else {
                    return .failure(.missingGraphInput(name, supplied: Array(graphInputs.keys)))
                }
                values.append(value)
            case .step(let source):
                values.append(output(at: source))
            case .field(let source, let path):
                switch FieldReader.read(path, from: output(at: source)) {
                case .success(let value):
                    values.append(value)
                case .failure(let failure):
                    return .failure(.unknownField(
                        node: step.id, source: plan.steps[source].id, field: failure.field,
                        type: failure.typeName, available: failure.available
                    ))
                }
            }
        }
        return .success(NodeInputs(values: values, sources: step.sources, ports: step.ports))
    }

    private func output(at position: Int) -> any Sendable {
        guard let value = outputs[position] else {
            preconditionFailure("node '\(plan.steps[position].id)' read before it succeeded")
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
        var finished = [position]
        var skippedAt: ContinuousClock.Instant?
        while let current = finished.popLast() {
            let succeeded = outputs[current] != nil
            for successor in plan.steps[current].successors {
                if !succeeded { isBlocked[successor] = true }
                remainingInputs[successor] -= 1
                guard remainingInputs[successor] == 0 else { continue }
                guard isBlocked[successor] else {
                    ready.append(successor)
                    continue
                }
                let now = skippedAt ?? .now
                skippedAt = now
                records[successor] = Record(start: now, end: now, outcome: .skipped)
                finished.append(successor)
            }
        }
    }

    /// The trace of the run so far, ending now.
    func trace() -> Trace {
        let notes = annotations.all()
        var events: [TraceEvent] = []
        events.reserveCapacity(plan.nodeCount)
        for (position, record) in records.enumerated() {
            guard let record else { continue }
            let step = plan.steps[position]
            events.append(TraceEvent(
                nodeID: step.id, label: step.label, start: record.start, end: record.end,
                outcome: record.outcome, annotations: notes[position] ?? [:],
                dependencies: step.predecessorIDs
            ))
        }
        return Trace(events: events, start: start, end: .now)
    }

    /// The error to throw when the run stopped early: `CancellationError` when the calling
    /// task was cancelled, else the first failure of a fail-fast run; `nil` otherwise.
    func stoppingError() -> (any Error)? {
        if Task.isCancelled { return CancellationError() }
        guard let firstFailure else { return nil }
        return NodeFailure(nodeID: plan.steps[firstFailure.position].id,
                           underlying: firstFailure.error, trace: trace())
    }

    /// The results of a run that has finished.
    ///
    /// - Throws: ``ExecutionError`` when an output reads a field its node's value lacks.
    func result() throws(ExecutionError) -> GraphRun {
        var nodeOutputs: [String: any Sendable] = [:]
        var failures: [String: any Error] = [:]
        var skipped: Set<String> = []
        nodeOutputs.reserveCapacity(plan.nodeCount)
        for (position, step) in plan.steps.enumerated() {
            if let value = outputs[position] {
                nodeOutputs[step.id] = value
            } else if let error = errors[position] {
                failures[step.id] = error
            } else if records[position]?.outcome == .skipped {
                skipped.insert(step.id)
            }
        }
        var named: [String: any Sendable] = [:]
        for output in plan.outputs {
            named[output.name] = try value(of: output)
        }
        return GraphRun(outputs: named, nodeOutputs: nodeOutputs, failures: failures,
                        skipped: skipped, trace: trace(), inputs: graphInputs)
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
