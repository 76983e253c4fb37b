/// The records of a dataset as an asynchronous sequence, read part by part (file by file:
/// MMLU reads one subject's file at a time) as iteration reaches each part.
///
/// Nothing is read until iteration starts, and each iteration reads the files afresh. The
/// operations that narrow or change the stream (``filter(_:)``, ``map(_:)``,
/// ``prefix(_:)``) stay lazy: a `prefix(10)` of MMLU reads only the first subject's file.
/// Sampling (``sampled(count:seed:)``, ``stratified(count:seed:)``, ``shuffled(seed:)``)
/// needs every record first, so its first `next()` reads them all.
///
/// Rows left out under ``MissingFieldPolicy/skip`` are listed by ``collect()`` and by the
/// iterator's ``Iterator/skippedRows``. Iteration checks for cancellation between records
/// and throws `CancellationError` when the task is cancelled. A part's file is read and
/// parsed synchronously on the iterating task when iteration reaches it (milliseconds for
/// the registered benchmarks' files).
public struct DatasetRecords: AsyncSequence, Sendable {
    public typealias Element = DatasetRecord

    /// One unit of reading, usually one file: a function that returns its records and the
    /// rows it left out.
    public struct Part: Sendable {
        let read: @Sendable () throws -> (records: [DatasetRecord], skipped: [SkippedRow])

        /// A part that reads its records when iteration reaches it.
        public init(_ read: @escaping @Sendable () throws
            -> (records: [DatasetRecord], skipped: [SkippedRow]))
        {
            self.read = read
        }

        /// A part that reads the rows of `file` and makes a record of each with `makeRecord`,
        /// leaving out or failing on rows per `policy`.
        ///
        /// `makeRecord` returns `nil` for a row that is not an item (it is dropped without
        /// being listed), and throws a row problem (``DatasetError/isRowProblem``) for a row
        /// at fault; any other error stops the read.
        public static func rows(
            of file: DataFile, policy: MissingFieldPolicy,
            makeRecord: @escaping @Sendable (DatasetRow) throws -> DatasetRecord?
        ) -> Part {
            Part {
                var records: [DatasetRecord] = []
                var skipped: [SkippedRow] = []
                let rows = try file.rows()
                records.reserveCapacity(rows.count)
                for row in rows {
                    do {
                        if let record = try makeRecord(row) { records.append(record) }
                    } catch let error as DatasetError where error.isRowProblem
                        && policy.skipsRows
                    {
                        skipped.append(SkippedRow(file: row.file, line: row.line,
                                                  reason: error.description))
                    }
                }
                return (records, skipped)
            }
        }
    }

    /// What a sequence does to produce its next record, given where to list skipped rows.
    typealias Producer = () async throws -> DatasetRecord?
    let makeProducer: @Sendable (SkippedRowSink) -> Producer

    init(makeProducer: @escaping @Sendable (SkippedRowSink) -> Producer) {
        self.makeProducer = makeProducer
    }

    /// The records of `parts`, read in order.
    public init(parts: [Part]) {
        makeProducer = { sink in
            var partIndex = 0
            var buffer: [DatasetRecord] = []
            var position = 0
            return {
                while position == buffer.count {
                    guard partIndex < parts.count else { return nil }
                    let (records, skipped) = try parts[partIndex].read()
                    partIndex += 1
                    sink.rows += skipped
                    buffer = records
                    position = 0
                }
                position += 1
                return buffer[position - 1]
            }
        }
    }

    /// Records already in memory.
    public init(_ records: [DatasetRecord], skipped: [SkippedRow] = []) {
        self.init(parts: [Part { (records, skipped) }])
    }

    public func makeAsyncIterator() -> Iterator {
        let sink = SkippedRowSink()
        return Iterator(sink: sink, produce: makeProducer(sink))
    }

    /// Reads every record.
    ///
    /// - Returns: The records and the rows left out.
    /// - Throws: The first ``DatasetError`` of a file, or `CancellationError`.
    public func collect() async throws -> DatasetLoadResult {
        var iterator = makeAsyncIterator()
        var records: [DatasetRecord] = []
        while let record = try await iterator.next() {
            records.append(record)
        }
        return DatasetLoadResult(records: records, skipped: iterator.skippedRows)
    }

    /// Yields the records one by one.
    public struct Iterator: AsyncIteratorProtocol {
        let sink: SkippedRowSink
        let produce: Producer

        /// The rows this iteration has left out so far.
        public var skippedRows: [SkippedRow] { sink.rows }

        /// The next record, or `nil` at the end.
        ///
        /// - Throws: ``DatasetError`` from a file, an error thrown by a ``map(_:)`` or
        ///   ``filter(_:)`` closure, or `CancellationError`.
        public mutating func next() async throws -> DatasetRecord? {
            try Task.checkCancellation()
            return try await produce()
        }
    }
}

/// Where one iteration lists the rows it left out.
final class SkippedRowSink {
    var rows: [SkippedRow] = []
}

extension DatasetRecords {
    /// The records for which `isIncluded` is true.
    public func filter(_ isIncluded: @escaping @Sendable (DatasetRecord) throws -> Bool)
        -> DatasetRecords
    {
        DatasetRecords { [makeProducer] sink in
            let upstream = makeProducer(sink)
            return {
                while let record = try await upstream() {
                    if try isIncluded(record) { return record }
                }
                return nil
            }
        }
    }

    /// Each record changed by `transform` (a rewritten question, an added metadata key).
    public func map(_ transform: @escaping @Sendable (DatasetRecord) throws -> DatasetRecord)
        -> DatasetRecords
    {
        DatasetRecords { [makeProducer] sink in
            let upstream = makeProducer(sink)
            return { try await upstream().map(transform) }
        }
    }

    /// The first `count` records; reading stops once they are produced.
    public func prefix(_ count: Int) -> DatasetRecords {
        DatasetRecords { [makeProducer] sink in
            let upstream = makeProducer(sink)
            var produced = 0
            return {
                guard produced < count, let record = try await upstream() else { return nil }
                produced += 1
                return record
            }
        }
    }

    /// The records of one subset, compared as ``DatasetSubset/matches(_:_:)`` does.
    public func subset(_ name: String) -> DatasetRecords {
        filter { record in record.subset.map { DatasetSubset.matches($0, name) } ?? false }
    }

    /// A sequence whose records are computed from all of this one's at once.
    func reordered(_ choose: @escaping @Sendable ([DatasetRecord]) -> [DatasetRecord])
        -> DatasetRecords
    {
        DatasetRecords { [makeProducer] sink in
            let upstream = makeProducer(sink)
            var chosen: [DatasetRecord]?
            var position = 0
            return {
                if chosen == nil {
                    var all: [DatasetRecord] = []
                    while let record = try await upstream() { all.append(record) }
                    chosen = choose(all)
                }
                guard let records = chosen, position < records.count else { return nil }
                position += 1
                return records[position - 1]
            }
        }
    }
}

/// How subset names are compared.
public enum DatasetSubset {
    /// Whether two subset names are the same subset, ignoring case, punctuation and the word
    /// "and", so `counting_and_probability`, `Counting & Probability` and
    /// `counting-probability` name one MATH subject.
    public static func matches(_ first: String, _ second: String) -> Bool {
        key(first) == key(second)
    }

    /// A subset name folded for comparison: its words in lower case, without "and", joined
    /// by `_`.
    public static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .filter { $0 != "and" }.joined(separator: "_")
    }
}
