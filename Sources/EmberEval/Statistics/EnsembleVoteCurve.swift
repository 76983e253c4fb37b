import EmberModels
import Foundation

/// The vote curve of one node of a run that drew several samples per item (an ensemble, or
/// a panel of judges), with what a sample costs, so that accuracy can be read against the
/// money and tokens more samples take.
public struct EnsembleVoteCurve: Sendable, Hashable {
    /// The node's id.
    public var nodeID: String
    /// The node as written in the notation.
    public var label: String
    /// Items that took part.
    public var itemCount: Int
    /// The curve: maj@k, oracle@k, margins, agreement and ties for each k.
    public var curve: VoteCurve
    /// The mean tokens of one sample, or `nil` when no call reported usage.
    public var tokensPerSample: Double?
    /// The mean cost of one sample, or `nil` when a call's price is unknown.
    public var costPerSample: Decimal?

    /// The curves of every node of a run that drew two samples or more on some item, in the
    /// order the nodes were written; no model is called.
    ///
    /// - Parameters:
    ///   - results: The run's results; those without node outputs take no part.
    ///   - subsets: Random subsets per item for each k (see ``VoteCurve``).
    ///   - seed: The seed of the subsets.
    public static func curves(of results: [EvaluationItemResult], subsets: Int = 64,
                              seed: UInt64 = 0) -> [EnsembleVoteCurve] {
        var order: [String] = []
        var outputs: [String: [NodeOutput]] = [:]
        for output in results.compactMap(\.nodes).joined() {
            guard output.samplesCorrect?.count == output.samples.count,
                  !output.samples.isEmpty
            else { continue }
            if outputs[output.id] == nil { order.append(output.id) }
            outputs[output.id, default: []].append(output)
        }
        return order.compactMap { id in
            guard let nodes = outputs[id], let first = nodes.first,
                  nodes.contains(where: { $0.samples.count > 1 })
            else { return nil }
            let items = nodes.map {
                VoteCurve.Item(texts: $0.samples, correct: $0.samplesCorrect ?? [])
            }
            let sampleCount = nodes.reduce(0) { $0 + $1.samples.count }
            let reported = nodes.filter { $0.usage != nil }
            let reportedSamples = reported.reduce(0) { $0 + $1.samples.count }
            let tokens = reported.reduce(0) { $0 + ($1.usage?.totalTokens ?? 0) }
            let cost = nodes.knownCost
            return EnsembleVoteCurve(
                nodeID: id, label: first.label, itemCount: nodes.count,
                curve: VoteCurve(items: items, kind: first.answerKind, subsets: subsets,
                                 seed: seed),
                tokensPerSample: reportedSamples == 0 ? nil
                    : Double(tokens) / Double(reportedSamples),
                costPerSample: cost.map { $0 / Decimal(sampleCount) })
        }
    }
}
