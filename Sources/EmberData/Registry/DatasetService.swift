/// Loads registered datasets by name: finds a directory holding the files along a
/// ``DatasetSearchPath``, downloads them into the cache when none does, and streams the
/// records of the split and subset asked for, sampled as asked.
public struct DatasetService: Sendable {
    /// The datasets known by name.
    public var registry: DatasetRegistry
    /// Where files are looked for, and where downloads go.
    public var searchPath: DatasetSearchPath
    /// How missing files are fetched, or `nil` never to download.
    public var downloader: DatasetDownloader?

    /// Creates a service.
    public init(registry: DatasetRegistry = .standard, searchPath: DatasetSearchPath,
                downloader: DatasetDownloader? = nil) {
        self.registry = registry
        self.searchPath = searchPath
        self.downloader = downloader
    }

    /// Where a dataset's split was found.
    public struct Location: Sendable, Hashable {
        /// Where the directory came from on the search path.
        public enum Origin: String, Sendable, Hashable {
            case explicitDirectory = "data directory"
            case environment = "EMBER_DATA_DIR"
            case cache = "cache"
            case bundled = "bundled with Ember"
        }

        /// The data directory that holds the files.
        public var directory: String
        /// Which entry of the search path it is.
        public var origin: Origin
    }

    /// The first directory on the search path that holds `split` of `name`, or `nil`.
    ///
    /// - Throws: ``DatasetError`` for an unknown dataset or split, or a named directory
    ///   that does not exist.
    public func locate(_ name: String, split: String? = nil) throws(DatasetError) -> Location? {
        let definition = try registry.definition(named: name)
        let split = try definition.info.resolveSplit(split)
        try searchPath.validate()
        var candidates: [(String, Location.Origin)] = []
        if let directory = searchPath.explicitDirectory {
            candidates.append((directory, .explicitDirectory))
        }
        if let directory = searchPath.environmentDirectory {
            candidates.append((directory, .environment))
        }
        candidates.append((searchPath.cacheDirectory, .cache))
        if searchPath.includesBundledData, let bundled = definition.bundledDirectory {
            candidates.append((bundled, .bundled))
        }
        return candidates.first { definition.isPresent(in: $0.0, split: split) }
            .map { Location(directory: $0.0, origin: $0.1) }
    }

    /// The records a request asks for, downloading the split's files into the cache first
    /// when no directory on the search path holds them.
    ///
    /// Suspends only to download; the records are read as they are iterated.
    ///
    /// - Parameter progress: Called with a line for each file downloaded.
    /// - Throws: ``DatasetError`` for an unknown dataset, split or subset, files found
    ///   nowhere with no downloader (saying where to put them), or a failed download.
    public func records(for request: DatasetRequest,
                        progress: @Sendable (String) -> Void = { _ in }) async throws
        -> DatasetRecords
    {
        let definition = try registry.definition(named: request.name)
        let split = try definition.info.resolveSplit(request.split)
        let location = try await locateOrDownload(definition, split: split, progress: progress)
        let records = try definition.records(in: location.directory, split: split,
                                             request: request)
        return request.sampler.apply(to: records)
    }

    /// Reads every record a request asks for.
    ///
    /// - Returns: The records with the rows left out under ``MissingFieldPolicy/skip``.
    public func load(_ request: DatasetRequest,
                     progress: @Sendable (String) -> Void = { _ in }) async throws
        -> DatasetLoadResult
    {
        try await records(for: request, progress: progress).collect()
    }

    private func locateOrDownload(_ definition: any DatasetDefinition, split: String,
                                  progress: @Sendable (String) -> Void) async throws
        -> Location
    {
        if let found = try locate(definition.info.name, split: split) { return found }
        let sources = definition.sources(split: split)
        let directory = searchPath.cacheDirectory
        guard let downloader else {
            let list = sources.prefix(3).map(\.relativePath).joined(separator: ", ")
            throw DatasetError.missingFile(
                FileSystem.join(directory, definition.info.directory),
                detail: "\(definition.info.name) (\(split)) was not found in "
                    + searchPath.directories.joined(separator: ", ") + " and downloading is "
                    + "off; put its files (\(list)\(sources.count > 3 ? ", …" : "")) in one "
                    + "of those directories, or allow downloads")
        }
        try await downloader.download(sources, into: directory, dataset: definition.info.name,
                                      progress: progress)
        return Location(directory: directory, origin: .cache)
    }
}
