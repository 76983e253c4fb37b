/// Runs branches concurrently and finishes as soon as a ``QuorumRule`` holds, cancelling the
/// branches still running.
///
/// Use it to end a fan-out early: three of five samples agreeing, the first two verifiers
/// to answer. The branches run as child tasks of the caller; once the rule holds they are
/// cancelled at once, and `run` returns as soon as they have stopped, which for a branch
/// waiting on I/O or a sleep is immediately. A branch that ignores cancellation delays the
/// return until it ends, as structured concurrency requires.
///
/// ```swift
/// let vote = Quorum<String>(.agreeing(2))
/// let result = try await vote.run(samples.map { sample in { try await sample() } })
/// print(result.value ?? "no agreement")
/// ```
///
/// Inside a graph node, ``QuorumOperator`` wraps one for a list of operators, and the run
/// annotates the node's trace event with its counts.
public struct Quorum<Value: Sendable>: Sendable {
    /// One branch: work that produces a value or throws.
    public typealias Branch = @Sendable () async throws -> Value

    /// When the quorum holds.
    public var rule: QuorumRule<Value>
    /// The most branches running at once, or `nil` for all of them.
    public var maximumConcurrency: Int?

    /// Creates a quorum.
    ///
    /// - Parameters:
    ///   - rule: When to stop.
    ///   - maximumConcurrency: The most branches running at once; `nil` starts them all.
    ///     Values below 1 count as 1.
    public init(_ rule: QuorumRule<Value>, maximumConcurrency: Int? = nil) {
        self.rule = rule
        self.maximumConcurrency = maximumConcurrency.map { max(1, $0) }
    }

    /// Runs `branches` until the rule holds.
    ///
    /// A branch that throws does not vote; the run fails only once the rule can no longer
    /// hold. Branches not yet started when the rule holds never start.
    ///
    /// - Returns: The votes that formed the quorum, every vote received, the failures and
    ///   the branches cancelled or never started.
    /// - Throws: ``QuorumError`` when the rule can no longer hold; `CancellationError` when
    ///   the calling task is cancelled.
    public func run(_ branches: [Branch]) async throws -> QuorumResult<Value> {
        let limit = maximumConcurrency ?? Int.max
        var tally = Tally(branchCount: branches.count)
        _ = tally.decide(by: rule)
        await withTaskGroup(of: (Int, Result<Value, any Error>).self) { group in
            var next = 0
            var running = 0
            while true {
                while !tally.isDecided, running < limit, next < branches.count {
                    let branch = branches[next]
                    let index = next
                    group.addTask {
                        do { return (index, .success(try await branch())) }
                        catch { return (index, .failure(error)) }
                    }
                    next += 1
                    running += 1
                }
                guard running > 0, let (index, result) = await group.next() else { break }
                running -= 1
                guard !tally.isDecided else { continue }
                tally.count(result, from: index)
                if tally.decide(by: rule) || Task.isCancelled {
                    group.cancelAll()
                }
            }
        }
        try Task.checkCancellation()
        return try tally.result(rule: rule)
    }
}

extension Quorum {
    /// A node operation that gives the node's inputs to every branch and returns the
    /// ``QuorumResult`` as the node's output.
    ///
    /// ```swift
    /// graph.addNode(id: "vote", operation: Quorum<String>(.agreeing(2)).nodeOperation([
    ///     { inputs in try await sample(inputs) },
    ///     { inputs in try await sample(inputs) },
    ///     { inputs in try await sample(inputs) },
    /// ]))
    /// ```
    public func nodeOperation(
        _ branches: [@Sendable (NodeInputs) async throws -> Value]
    ) -> NodeOperation {
        { inputs in
            try await run(branches.map { branch in { try await branch(inputs) } })
        }
    }
}

extension Quorum {
    /// The votes and failures of one quorum run, kept by the loop that owns the task group.
    private struct Tally {
        let branchCount: Int
        var votes: [QuorumVote<Value>] = []
        var failures: [Int: any Error] = [:]
        var heard: Set<Int> = []
        var winners: [Int]?
        var isImpossible = false

        init(branchCount: Int) {
            self.branchCount = branchCount
        }

        var isDecided: Bool { winners != nil || isImpossible }

        mutating func count(_ result: Result<Value, any Error>, from branch: Int) {
            heard.insert(branch)
            switch result {
            case .success(let value): votes.append(QuorumVote(branch: branch, value: value))
            case .failure(let error): failures[branch] = error
            }
        }

        /// Applies the rule and reports whether the run is over, either way.
        mutating func decide(by rule: QuorumRule<Value>) -> Bool {
            if let chosen = rule.decision(votes) {
                winners = chosen
                return true
            }
            isImpossible = !rule.canStillHold(votes, remaining: branchCount - heard.count)
            return isImpossible
        }

        func result(rule: QuorumRule<Value>) throws(QuorumError) -> QuorumResult<Value> {
            let unheard = (0..<branchCount).filter { !heard.contains($0) }
            guard let winners else {
                throw QuorumError.notReached(
                    rule: rule.description, nodeID: NodeContext.current?.nodeID,
                    branches: branchCount, votes: votes.count,
                    failures: failures.sorted { $0.key < $1.key }.map(\.value)
                )
            }
            if let context = NodeContext.current {
                context.annotate(key: "quorum.rule", value: rule.description)
                context.annotate(key: "quorum.votes", value: String(votes.count))
                context.annotate(key: "quorum.failures", value: String(failures.count))
                context.annotate(key: "quorum.cancelled", value: String(unheard.count))
            }
            return QuorumResult(quorum: winners.map { votes[$0] }, votes: votes,
                                failures: failures, cancelled: unheard)
        }
    }
}
