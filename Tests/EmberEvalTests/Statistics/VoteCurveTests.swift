@testable import EmberEval
import EmberOperators
import Foundation
import Testing

@Suite("Vote-level curves from one set of samples")
struct VoteCurveTests {
    func item(_ answers: [String], gold: String) -> VoteCurve.Item {
        VoteCurve.Item(texts: answers.map { "The answer is \($0)." },
                       correct: answers.map { $0 == gold })
    }

    @Test("[7, 7, 9, 9, 9] with gold 7: maj@5 wrong, oracle@5 right, margin 1/5, no tie")
    func issueCase() throws {
        let curve = VoteCurve(items: [item(["7", "7", "9", "9", "9"], gold: "7")],
                              kind: .number)
        #expect(curve.points.map(\.k) == [1, 2, 4, 5])
        let five = try #require(curve.points.last)
        #expect(five.majorityAccuracy == 0)
        #expect(five.oracleAccuracy == 1)
        #expect(abs(five.meanMargin - 0.2) < 1e-12)
        #expect(abs(five.agreement - 0.6) < 1e-12)
        #expect(five.tieRate == 0)
        // One sample: right two times in five, exactly, whatever the subsets drawn.
        #expect(abs(curve.points[0].oracleAccuracy - 0.4) < 1e-12)
    }

    @Test("[7, 9] is a tie, counted, and broken by the rule the ensemble's vote uses")
    func tie() throws {
        let curve = VoteCurve(items: [item(["7", "9"], gold: "7"), item(["9", "7"], gold: "7")],
                              kind: .number)
        let two = try #require(curve.points.last)
        #expect(two.k == 2)
        #expect(two.tieRate == 1)
        // First seen wins: right on the first item, wrong on the second.
        #expect(two.majorityAccuracy == 0.5)
        #expect(two.oracleAccuracy == 1)
        #expect(curve.tieBreakRule == Vote.tieBreakRule)
    }

    @Test("pass@k is the unbiased estimator")
    func passAtK() {
        // 1 − C(3, 2) / C(5, 2) = 1 − 3/10.
        #expect(abs(VoteCurve.passAtK(n: 5, correct: 2, k: 2) - 0.7) < 1e-12)
        #expect(VoteCurve.passAtK(n: 5, correct: 0, k: 5) == 0)
        #expect(VoteCurve.passAtK(n: 5, correct: 1, k: 5) == 1)
        #expect(abs(VoteCurve.passAtK(n: 10, correct: 3, k: 1) - 0.3) < 1e-12)
    }

    @Test("subsets are seeded, and every pair of five gives the exact k-sample vote")
    func seededSubsets() throws {
        // Right answers at positions 0, 2 and 4; a 9 at 1 and an 8 at 3.
        let items = Array(repeating: item(["7", "9", "7", "8", "7"], gold: "7"), count: 50)
        let first = VoteCurve(items: items, kind: .number, subsets: 64, seed: 1)
        let again = VoteCurve(items: items, kind: .number, subsets: 64, seed: 1)
        #expect(first == again)
        // Any four of the five hold at least two 7s against single 9 and 8: always right.
        let four = try #require(first.points.first { $0.k == 4 })
        #expect(four.majorityAccuracy == 1)
        #expect(four.tieRate == 0)
        // Of the ten pairs, three are both right; six are a 7 against a wrong answer, a tie
        // the earlier position wins (the 7 in three of them); one is 9 against 8. All ten
        // are voted on, so the tie rate is 7/10 and the accuracy 6/10 exactly.
        let two = try #require(first.points.first { $0.k == 2 })
        #expect(abs(two.tieRate - 0.7) < 1e-12)
        #expect(abs(two.majorityAccuracy - 0.6) < 1e-12)
    }

    @Test("with few enough subsets every one is voted on, so the figures are exact")
    func everySubset() throws {
        let pairs = try #require(VoteCurve.combinations(of: 5, choosing: 2, atMost: 64))
        #expect(pairs.count == 10)
        #expect(Set(pairs).count == 10)
        #expect(pairs.allSatisfy { $0.count == 2 && $0[0] < $0[1] && $0[1] < 5 })
        #expect(VoteCurve.combinations(of: 20, choosing: 10, atMost: 64) == nil)
        // Twenty samples, ten 7s then ten 9s, have too many 8-subsets: they are drawn at
        // random, with the seed. The true maj@8 holds four 7s or more (a 4–4 tie goes to the
        // 7s, seen first): 85,035 of the C(20, 8) = 125,970 subsets.
        let wide = item(Array(repeating: "7", count: 10) + Array(repeating: "9", count: 10),
                        gold: "7")
        let curve = VoteCurve(items: [wide], kind: .number, subsets: 256, seed: 3)
        let eight = try #require(curve.points.first { $0.k == 8 })
        #expect(abs(eight.majorityAccuracy - 85_035.0 / 125_970) < 0.1)
    }

    @Test("samples that give no answer do not vote; an item with none counts as wrong")
    func noAnswers() throws {
        let silent = VoteCurve.Item(texts: ["I cannot say.", "No idea."], correct: [false, false])
        let curve = VoteCurve(items: [silent], kind: .number)
        let two = try #require(curve.points.last)
        #expect(two.noAnswerRate == 1)
        #expect(two.majorityAccuracy == 0)
    }
}
