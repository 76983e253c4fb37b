import EmberData
import EmberModels
import Foundation

/// A digest of the items a run plans to evaluate, so that a resume can tell whether its
/// dataset still gives the same items.
///
/// It is a SHA-256 over every record in plan order, each as JSON with sorted keys: its id,
/// question, options, gold answer, answer kind, subset and other fields. Any change to what a
/// prompt could show or to how an answer is scored, and any item added, dropped or moved,
/// changes the digest; the file the items came from does not.
public enum ItemFingerprint {
    /// The fingerprint of `records`, as 64 lower-case hex digits.
    public static func digest(of records: [DatasetRecord]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let hasher = SHA256Hasher()
        for record in records {
            // A record is strings and an enum of them: encoding cannot fail. JSON escapes
            // newlines, so one after each record keeps the records apart.
            hasher.update((try? encoder.encode(record)) ?? Data(record.id.utf8))
            hasher.update(Data("\n".utf8))
        }
        return hasher.finalize()
    }

    /// What differs between the items `records` and a run's journaled results, as phrases
    /// for ``JournalError/itemsChanged(runID:details:)``: the first finished item that is no
    /// longer planned or whose gold answer changed, and the change in the number of items.
    ///
    /// - Parameters:
    ///   - records: The items the dataset gives now, in plan order.
    ///   - finished: The run's journaled results.
    ///   - plannedCount: How many items the run planned when it began.
    public static func differences(between records: [DatasetRecord],
                                   finished: [EvaluationItemResult],
                                   plannedCount: Int) -> [String] {
        let planned = Dictionary(records.map { ($0.id, $0) },
                                 uniquingKeysWith: { first, _ in first })
        var details: [String] = []
        for result in finished {
            guard let record = planned[result.recordID] else {
                details.append("item \(result.recordID), finished in the run, is not among "
                    + "the dataset's items now")
                break
            }
            if record.answer != result.gold {
                details.append("the gold answer of item \(result.recordID) changed")
                break
            }
        }
        if records.count != plannedCount {
            details.append("it gives \(records.count) items where the run planned "
                + "\(plannedCount)")
        }
        if details.isEmpty {
            details.append("the question, options or order of its items differ")
        }
        return details
    }
}
