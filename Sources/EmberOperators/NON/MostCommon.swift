import EmberXCS
import Foundation

/// A majority vote over responses, reading each one's answer as its ``AnswerKind`` says.
///
/// Responses that give no answer (empty, blank, or no number where a number is wanted) do
/// not vote but do count as ballots, so the winner's share says how much of the ensemble
/// agreed. A tie goes to the answer seen first, and ``Vote/isTie`` shows it, so a judge can
/// decide instead. Responses cut off at their token limit still vote and are listed in
/// ``Vote/truncatedPositions``.
///
/// Votes of the same ``kind`` are equal operators.
public struct MostCommon: Operator, Hashable {
    /// How answers are read and compared.
    public var kind: AnswerKind

    /// Creates a vote over answers of `kind`.
    public init(kind: AnswerKind = .text) {
        self.kind = kind
    }

    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: "MostCommon", input: "[Candidate]", output: "Vote",
                           summary: "Majority vote over \(kind) answers; ties are reported.")
    }

    public func run(_ candidates: [Candidate]) async throws -> Vote {
        vote(candidates.map(\.text), truncatedPositions: candidates.indices.filter {
            candidates[$0].isTruncated
        })
    }

    /// Counts `answers`, where `nil` is a ballot that gave no answer.
    public func vote(_ answers: [String?], truncatedPositions: [Int] = []) -> Vote {
        var tallies: [Vote.Tally] = []
        var indexByAnswer: [String: Int] = [:]
        for (position, response) in answers.enumerated() {
            guard let response, let answer = kind.extractAnswer(from: response) else {
                continue
            }
            if let index = indexByAnswer[answer] {
                tallies[index].count += 1
            } else {
                indexByAnswer[answer] = tallies.count
                tallies.append(Vote.Tally(
                    answer: answer,
                    firstWritten: response.trimmingCharacters(in: .whitespacesAndNewlines),
                    count: 1, firstPosition: position))
            }
        }
        // A stable sort keeps first-seen order among equal counts: the tie-break rule.
        let ranked = tallies.enumerated().sorted { left, right in
            left.element.count != right.element.count
                ? left.element.count > right.element.count : left.offset < right.offset
        }.map(\.element)
        let top = ranked.first
        return Vote(winner: top?.answer, votes: top?.count ?? 0, ballotCount: answers.count,
                    tallies: ranked,
                    isTie: ranked.count > 1 && ranked[1].count == top?.count,
                    truncatedPositions: truncatedPositions)
    }
}
