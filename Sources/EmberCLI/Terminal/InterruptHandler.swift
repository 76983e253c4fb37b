import Foundation

/// Runs an action when the process receives SIGINT (Ctrl-C), until cancelled.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    init(_ action: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            printError("\nInterrupted: finishing with the items already scored.")
            action()
        }
        source.resume()
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
