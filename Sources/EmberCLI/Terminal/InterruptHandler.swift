import Foundation

/// Runs an action when the process receives SIGINT (Ctrl-C), until cancelled.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    /// Prints `message` on stderr and runs `action` on each SIGINT.
    init(message: String = "Interrupted: finishing with the items already scored.",
         _ action: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            printError("\n" + message)
            action()
        }
        source.resume()
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
