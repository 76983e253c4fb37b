import Testing

/// Polls `condition` every `interval` until it holds or `limit` passes, then expects it.
///
/// For state another thread changes (a server seeing a connection close); never a timing
/// assertion: the limit only bounds a failing test, and is generous because machines running
/// the suite are shared and can be slow.
public func waitUntil(
    _ condition: () -> Bool, limit: Duration = .seconds(30),
    interval: Duration = .milliseconds(5),
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let deadline = ContinuousClock.now + limit
    while !condition(), ContinuousClock.now < deadline {
        try await Task.sleep(for: interval)
    }
    #expect(condition(), sourceLocation: sourceLocation)
}
