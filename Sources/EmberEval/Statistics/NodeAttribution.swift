import EmberModels
import Foundation

/// Which node of a compound system earned the accuracy, spent the tokens and the money, and
/// held up the answers, over the items of a run.
///
/// Computed from the node outputs the journal keeps per item (``NodeOutput``), so a finished
/// run can be attributed again without a model call. Items whose call failed have no node
/// outputs and take no part.
public struct NodeAttribution: Sendable, Hashable {
    /// One node's figures over the run.
    public struct Node: Sendable, Hashable {
        /// The node's id.
        public var id: String
        /// The node's code, such as `E`.
        public var code: String
        /// The node as written in the notation.
        public var label: String
        /// Items the node ran on.
        public var itemCount: Int
        /// Items whose node answer was scored correct, or `nil` for a node that gives no
        /// answer (an ensemble).
        public var correctCount: Int?
        /// The node's own samples scored one by one: the share correct over all of them, or
        /// `nil` when it drew none.
        public var sampleAccuracy: Double?
        /// Each ensemble member's accuracy on its own, by the member's position, over the
        /// items that drew that many samples.
        public var memberAccuracies: [Double]
        /// Model calls over the run.
        public var callCount: Int
        /// Tokens (input and output) over the run.
        public var tokens: Int
        /// Dollars over the run, or `nil` when a call's price is unknown.
        public var cost: Decimal?
        /// The node's time per item, in seconds, or `nil` when it ran on no item.
        public var latency: DistributionSummary?
        /// The node's share of every node's tokens, from 0 to 1.
        public var tokenShare: Double
        /// The node's share of every node's cost, or `nil` when the total is unknown or 0.
        public var costShare: Double?
        /// The node's share of the items' critical-path time: the time it spent on the
        /// chain of nodes that bounded each item's wall time, over that chain's length.
        public var criticalPathShare: Double
        /// For a node that reads other nodes' answers, how its answer compares with the
        /// majority it was given; `nil` for other nodes.
        public var revisions: Revisions?

        /// The share of items whose node answer was correct, or `nil` for a node that
        /// gives no answer.
        public var accuracy: Double? {
            correctCount.map { itemCount == 0 ? 0 : Double($0) / Double(itemCount) }
        }

        /// The 95% Wilson interval of ``accuracy``.
        public var accuracyInterval: ConfidenceInterval? {
            correctCount.map { .wilson(successes: $0, trials: itemCount) }
        }
    }

    /// How a judge's, verifier's or selector's answer compares with the majority answer it
    /// was given, item by item.
    public struct Revisions: Sendable, Hashable {
        /// The majority was correct and the node kept a correct answer.
        public var keptCorrect = 0
        /// The majority was correct and the node's answer is wrong: a correct majority
        /// overturned.
        public var overturned = 0
        /// The majority was wrong and the node's answer is correct: a wrong majority fixed.
        public var fixed = 0
        /// The majority was wrong and so is the node's answer.
        public var keptWrong = 0

        /// Items counted.
        public var total: Int { keptCorrect + overturned + fixed + keptWrong }
        /// Fixes less overturns: the items the node gained over the majority.
        public var netGain: Int { fixed - overturned }
    }

    /// The nodes, in the order they were written.
    public var nodes: [Node]

    /// Attributes a run's results to its nodes; `nil` when no result has node outputs (a
    /// single-model run).
    public init?(results: [EvaluationItemResult]) {
        let items = results.compactMap(\.nodes).filter { !$0.isEmpty }
        guard !items.isEmpty else { return nil }
        var order: [String] = []
        var outputs: [String: [NodeOutput]] = [:]
        for item in items {
            for output in item {
                if outputs[output.id] == nil { order.append(output.id) }
                outputs[output.id, default: []].append(output)
            }
        }
        let allTokens = items.joined().reduce(0) { $0 + ($1.usage?.totalTokens ?? 0) }
        let allCost = items.joined().knownCost
        let pathTime = items.joined().filter(\.isOnCriticalPath)
            .reduce(0.0) { $0 + $1.latency.seconds }
        nodes = order.map { id in
            Self.node(outputs[id] ?? [], totalTokens: allTokens, totalCost: allCost,
                      criticalPathTime: pathTime)
        }
    }

    /// The figures of one node over its outputs.
    private static func node(_ outputs: [NodeOutput], totalTokens: Int, totalCost: Decimal?,
                             criticalPathTime: Double) -> Node {
        let first = outputs[0]
        let answered = outputs.contains { $0.answerOutcome != nil }
        let samples = outputs.compactMap(\.samplesCorrect).joined()
        let widest = outputs.map { $0.samplesCorrect?.count ?? 0 }.max() ?? 0
        let members = (0..<widest).map { position in
            let scored = outputs.compactMap { $0.samplesCorrect?.dropFirst(position).first }
            return Double(scored.count(where: \.self)) / Double(max(scored.count, 1))
        }
        let tokens = outputs.reduce(0) { $0 + ($1.usage?.totalTokens ?? 0) }
        let cost = outputs.knownCost
        var revisions: Revisions?
        for output in outputs {
            guard let majority = output.inputMajorityCorrect,
                  let outcome = output.answerOutcome else { continue }
            var counts = revisions ?? Revisions()
            switch (majority, outcome.isCorrect) {
            case (true, true): counts.keptCorrect += 1
            case (true, false): counts.overturned += 1
            case (false, true): counts.fixed += 1
            case (false, false): counts.keptWrong += 1
            }
            revisions = counts
        }
        let onPath = outputs.filter(\.isOnCriticalPath).reduce(0.0) { $0 + $1.latency.seconds }
        let costShare: Double? = switch (cost, totalCost) {
        case (let cost?, let total?) where total > 0:
            NSDecimalNumber(decimal: cost / total).doubleValue
        default: nil
        }
        return Node(
            id: first.id, code: first.code, label: first.label, itemCount: outputs.count,
            correctCount: answered ? outputs.count(where: { $0.answerOutcome?.isCorrect == true })
                : nil,
            sampleAccuracy: samples.isEmpty ? nil
                : Double(samples.count(where: \.self)) / Double(samples.count),
            memberAccuracies: members,
            callCount: outputs.reduce(0) { $0 + $1.callCount }, tokens: tokens,
            cost: cost,
            latency: DistributionSummary(outputs.map(\.latency.seconds)),
            tokenShare: totalTokens == 0 ? 0 : Double(tokens) / Double(totalTokens),
            costShare: costShare,
            criticalPathShare: criticalPathTime > 0 ? onPath / criticalPathTime : 0,
            revisions: revisions)
    }
}
