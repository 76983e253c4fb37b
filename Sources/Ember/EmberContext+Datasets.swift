import Foundation

extension EmberContext {
    /// The data service of this context: benchmarks are looked for in the `data.directory`
    /// setting (`EMBER_DATA_DIR`), then in the cache directory's `datasets`, then in the
    /// bundled copy, and downloaded, checked, into the cache when none holds them.
    public var datasets: DatasetService { datasets(directory: nil) }

    /// The data service with `directory` searched first, in place of the `data.directory`
    /// setting (which is then neither searched nor checked), as a command-line flag asks.
    public func datasets(directory: String?) -> DatasetService {
        // A directory from a configuration file is one the user named; one from the
        // variable is labelled with it.
        let configured = directory == nil ? settings.dataDirectory : nil
        let isFromVariable = settings.source(of: "data.directory")
            == .environment("EMBER_DATA_DIR")
        return DatasetService(
            searchPath: DatasetSearchPath(
                explicitDirectory: directory ?? (isFromVariable ? nil : configured),
                environmentDirectory: isFromVariable ? configured : nil,
                cacheDirectory: (settings.cacheDirectory as NSString)
                    .appendingPathComponent("datasets")),
            downloader: DatasetDownloader(client: httpClient))
    }
}
