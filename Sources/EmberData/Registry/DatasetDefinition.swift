/// A registered dataset: its description, its files, and how to read them into records.
///
/// Conform to add a dataset to a ``DatasetRegistry``. Reading never downloads: the
/// ``DatasetService`` finds a directory that holds the files (downloading them first if
/// need be) and then asks the definition for the records in it.
public protocol DatasetDefinition: Sendable {
    /// The dataset's description.
    var info: DatasetInfo { get }

    /// The files that make up `split`, as published.
    func sources(split: String) -> [DatasetSource]

    /// Whether `directory` (a data directory, laid out like the shared datasets) holds what
    /// `split` needs.
    func isPresent(in directory: String, split: String) -> Bool

    /// The records of `split` in `directory`, for a request's subset, seed and policy.
    ///
    /// Files are read as iteration reaches them.
    ///
    /// - Throws: ``DatasetError`` before any record for a subset the dataset does not have
    ///   or a directory without the split's files; later, from iteration, for a file that
    ///   cannot be read or a row at fault under ``MissingFieldPolicy/fail``.
    func records(in directory: String, split: String, request: DatasetRequest)
        throws(DatasetError) -> DatasetRecords

    /// A directory inside Ember itself that holds the dataset, or `nil`.
    var bundledDirectory: String? { get }
}

extension DatasetDefinition {
    public var bundledDirectory: String? { nil }

    /// Whether every file of `split` is in `directory`.
    public func hasAllSources(in directory: String, split: String) -> Bool {
        sources(split: split).allSatisfy { source in
            FileSystem.isFile(FileSystem.join(directory, source.relativePath))
        }
    }

    /// The records that belong to `subset`, when one is asked for.
    ///
    /// - Throws: ``DatasetError/unknownSubset(_:dataset:known:)`` when the dataset has no
    ///   such subset.
    func narrowed(_ records: DatasetRecords, to subset: String?) throws(DatasetError)
        -> DatasetRecords
    {
        guard let subset else { return records }
        guard info.subsets.contains(where: { DatasetSubset.matches($0, subset) }) else {
            throw .unknownSubset(subset, dataset: info.name, known: info.subsets)
        }
        return records.subset(subset)
    }
}
