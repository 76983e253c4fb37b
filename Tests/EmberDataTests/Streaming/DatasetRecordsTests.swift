import EmberData
import EmberOperators
import Foundation
import Synchronization
import Testing

@Suite("Streaming records")
struct DatasetRecordsTests {
    private static func record(_ number: Int, subset: String? = nil) -> DatasetRecord {
        DatasetRecord(id: "r\(number)", question: "Q\(number)?", answer: String(number),
                      answerKind: .number, subset: subset)
    }

    private static let hundred = DatasetRecords((1...100).map { record($0) })

    @Test("filter, map and prefix compose lazily")
    func operators() async throws {
        let result = try await Self.hundred
            .filter { Int($0.answer)! % 2 == 0 }
            .map { record in
                var changed = record
                changed.question = "Even: " + record.question
                return changed
            }
            .prefix(3)
            .collect()
        #expect(result.records.map(\.id) == ["r2", "r4", "r6"])
        #expect(result.records.first?.question == "Even: Q2?")
    }

    @Test("prefix reads only the parts it needs")
    func prefixIsLazy() async throws {
        let reads = Mutex(0)
        let parts = (0..<5).map { part in
            DatasetRecords.Part {
                reads.withLock { $0 += 1 }
                return ((0..<10).map { Self.record(part * 10 + $0) }, [])
            }
        }
        let records = try await DatasetRecords(parts: parts).prefix(12).collect().records
        #expect(records.count == 12)
        #expect(reads.withLock { $0 } == 2)
    }

    @Test("a seeded random sample is reproducible, without repeats, in dataset order")
    func randomSample() async throws {
        let first = try await Self.hundred.sampled(count: 10, seed: 5).collect().records
        let again = try await Self.hundred.sampled(count: 10, seed: 5).collect().records
        let other = try await Self.hundred.sampled(count: 10, seed: 6).collect().records
        #expect(first == again)
        #expect(first != other)
        #expect(Set(first.map(\.id)).count == 10)
        let numbers = first.map { Int($0.answer)! }
        #expect(numbers == numbers.sorted())
    }

    @Test("a shuffle keeps every record")
    func shuffle() async throws {
        let shuffled = try await Self.hundred.shuffled(seed: 9).collect().records
        #expect(shuffled.count == 100)
        #expect(Set(shuffled.map(\.id)).count == 100)
        #expect(shuffled.map(\.id) != (1...100).map { "r\($0)" })
    }

    @Test("a stratified sample gives each subset its proportional share")
    func stratified() async throws {
        let records = (1...60).map { Self.record($0, subset: "a") }
            + (61...90).map { Self.record($0, subset: "b") }
            + (91...100).map { Self.record($0, subset: "c") }
        let sample = try await DatasetRecords(records).stratified(count: 10, seed: 1)
            .collect().records
        let counts = Dictionary(grouping: sample, by: { $0.subset! }).mapValues(\.count)
        #expect(counts == ["a": 6, "b": 3, "c": 1])
    }

    @Test("largest remainders decide the rounding of stratified shares")
    func stratifiedRounding() async throws {
        let records = (1...5).map { Self.record($0, subset: "x") }
            + (6...10).map { Self.record($0, subset: "y") }
            + (11...12).map { Self.record($0, subset: "z") }
        let sample = try await DatasetRecords(records).stratified(count: 5, seed: 2)
            .collect().records
        let counts = Dictionary(grouping: sample, by: { $0.subset! }).mapValues(\.count)
        // Exact shares 2.08, 2.08, 0.83: z has the largest remainder.
        #expect(counts == ["x": 2, "y": 2, "z": 1])
    }

    @Test("samplers name themselves as run configurations record them")
    func samplers() async throws {
        #expect(DatasetSampler.first(3).name == "first")
        #expect(DatasetSampler.random(3, seed: 1).seed == 1)
        #expect(DatasetSampler.stratified(4, seed: 2).count == 4)
        let sampled = try await DatasetSampler.random(7, seed: 1).apply(to: Self.hundred)
            .collect().records
        #expect(sampled.count == 7)
    }

    @Test("a map closure's error ends iteration with that error")
    func throwingMap() async throws {
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            _ = try await Self.hundred.map { _ in throw Refused() }.collect()
        }
    }

    @Test("skipped rows are listed by collect")
    func skippedRows() async throws {
        let path = try TemporaryFiles.write("{\"q\": \"a\"}\n{\"x\": 1}\n{\"q\": \"c\"}\n",
                                            named: "rows.jsonl")
        let part = DatasetRecords.Part.rows(of: DataFile(path: path), policy: .skip) { row in
            DatasetRecord(id: String(row.index), question: try row.required("q"), answer: "",
                          answerKind: .text)
        }
        let result = try await DatasetRecords(parts: [part]).collect()
        #expect(result.records.map(\.question) == ["a", "c"])
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.line == 2)
        #expect(result.skipped.first?.reason.contains("'q'") == true)

        let failing = DatasetRecords.Part.rows(of: DataFile(path: path), policy: .fail) { row in
            DatasetRecord(id: String(row.index), question: try row.required("q"), answer: "",
                          answerKind: .text)
        }
        let error = await #expect(throws: DatasetError.self) {
            _ = try await DatasetRecords(parts: [failing]).collect()
        }
        #expect(error?.description.hasPrefix("\(path):2:") == true)
    }
}
