import Foundation

extension DatasetService {
    /// The data service the settings describe: `directory` (a command-line flag) first, in
    /// place of the `data.directory` setting (`EMBER_DATA_DIR`), which is otherwise searched
    /// first; then the cache directory's `datasets`, then the bundled copy. What none holds
    /// is downloaded through `client`, checked, into the cache.
    public init(settings: EmberSettings, directory: String? = nil, client: HTTPClient) {
        // A directory from a configuration file is one the user named; one from the
        // variable is labelled with it.
        let configured = directory == nil ? settings.dataDirectory : nil
        let isFromVariable = settings.source(of: "data.directory")
            == .environment("EMBER_DATA_DIR")
        self.init(
            searchPath: DatasetSearchPath(
                explicitDirectory: directory ?? (isFromVariable ? nil : configured),
                environmentDirectory: isFromVariable ? configured : nil,
                cacheDirectory: (settings.cacheDirectory as NSString)
                    .appendingPathComponent("datasets")),
            downloader: DatasetDownloader(client: client))
    }
}

extension EmberContext {
    /// The data service of this context's settings, downloading through its HTTP client.
    public var datasets: DatasetService { datasets(directory: nil) }

    /// The data service with `directory` searched first, in place of the `data.directory`
    /// setting (which is then neither searched nor checked), as a command-line flag asks.
    public func datasets(directory: String?) -> DatasetService {
        DatasetService(settings: settings, directory: directory, client: httpClient)
    }
}
