import EmberData
import EmberModels
import EmberOperators
import Foundation
import Testing
@testable import EmberEval

@Suite("Item fingerprint")
struct ItemFingerprintTests {
    let records = (1...3).map {
        DatasetRecord(id: "q\($0)", question: "What is \($0) + \($0)?", answer: "\($0 * 2)",
                      answerKind: .number)
    }

    @Test("the same items give the same digest; any change to them gives another")
    func digest() {
        let digest = ItemFingerprint.digest(of: records)
        #expect(digest.count == 64)
        #expect(ItemFingerprint.digest(of: records) == digest)
        var gold = records
        gold[1].answer = "5"
        var question = records
        question[2].question = "What is 3 + 4?"
        var field = records
        field[0].metadata["solution"] = "2"
        let changed = [gold, question, field, Array(records.reversed()), Array(records.prefix(2))]
        for items in changed {
            #expect(ItemFingerprint.digest(of: items) != digest)
        }
    }

    func result(_ id: String, gold: String) -> EvaluationItemResult {
        EvaluationItemResult(recordID: id, gold: gold, response: "#### \(gold)", outcome: nil,
                             error: nil, usage: nil, cost: nil, latency: .zero)
    }

    @Test("the differences name the first finished item that changed")
    func differences() {
        let finished = [result("q1", gold: "2"), result("q2", gold: "4")]
        var gold = records
        gold[1].answer = "5"
        #expect(ItemFingerprint.differences(between: gold, finished: finished, plannedCount: 3)
            == ["the gold answer of item q2 changed"])
        var renamed = records
        renamed[0].id = "other"
        #expect(ItemFingerprint.differences(between: renamed, finished: finished,
                                            plannedCount: 3)
            == ["item q1, finished in the run, is not among the dataset's items now"])
        #expect(ItemFingerprint.differences(between: records + records.prefix(1).map {
            var record = $0
            record.id = "q4"
            return record
        }, finished: finished, plannedCount: 3) == ["it gives 4 items where the run planned 3"])
        #expect(ItemFingerprint.differences(between: records, finished: finished,
                                            plannedCount: 3)
            == ["the question, options or order of its items differ"])
    }
}
