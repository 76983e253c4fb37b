import Ember
import Foundation
import Synchronization

/// The progress line of a run on stderr.
///
/// On a terminal it is redrawn in place after every item and once a second in between, so it
/// never looks stuck: it shows items in flight, calls waiting on a rate limit or backing off
/// before a retry (and for how long), and errors so far. Elsewhere (a log, a CI job) it is a
/// plain line every `interval`, and one at the end.
final class ProgressLine: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let activity: ModelActivity?
    private let interval: Duration
    private let state = Mutex<State>(State())
    private struct State {
        var progress: EvaluationProgress?
        var lastPlainLine: ContinuousClock.Instant?
        var ticker: Task<Void, Never>?
        var isFinished = false
    }

    /// Creates a line that also shows `activity`'s calls, writing a plain line every
    /// `interval` when stderr is not a terminal.
    init(activity: ModelActivity?, interval: Duration = .seconds(10)) {
        self.activity = activity
        self.interval = interval
    }

    /// Starts redrawing once a second (on a terminal) until ``finish()``.
    func start() {
        let ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                self?.draw(force: false)
            }
        }
        state.withLock {
            $0.ticker = ticker
            $0.lastPlainLine = .now
        }
    }

    /// Takes the latest figures and redraws; the first figures are drawn at once.
    func update(_ progress: EvaluationProgress) {
        let isFirst = state.withLock { state in
            defer { state.progress = progress }
            return state.progress == nil
        }
        draw(force: isFirst)
    }

    /// Stops redrawing; writes the last figures once more where the line is not redrawn.
    func finish() {
        let ticker = state.withLock { state in
            state.isFinished = true
            return state.ticker
        }
        ticker?.cancel()
        if isTerminal {
            FileHandle.standardError.write(Data("\n".utf8))
        } else if let line = state.withLock({ $0.progress }).map(render) {
            printError(line)
        }
    }

    private func draw(force: Bool) {
        let now = ContinuousClock.now
        let progress: EvaluationProgress? = state.withLock { state in
            guard !state.isFinished, let progress = state.progress else { return nil }
            if isTerminal { return progress }
            guard force || state.lastPlainLine.map({ now - $0 >= interval }) ?? true
            else { return nil }
            state.lastPlainLine = now
            return progress
        }
        guard let progress else { return }
        let line = render(progress)
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
        } else {
            printError(line)
        }
    }

    /// `[12/50] 41.7% correct · $0.0123 · 0.80 items/s · 48 s left · 4 in flight ·
    /// 2 waiting on a rate limit · 1 retrying (3 s) · 0 errors`
    func render(_ progress: EvaluationProgress) -> String {
        var parts = ["[\(progress.finished)/\(progress.total)]"]
        let accuracy = progress.finished > 0
            ? Double(progress.correct) / Double(progress.finished) * 100 : 0
        parts[0] += String(format: " %.1f%% correct", accuracy)
        if let cost = progress.cost {
            parts.append("$" + String(format: "%.4f", NSDecimalNumber(decimal: cost).doubleValue))
        }
        parts.append(String(format: "%.2f items/s", progress.rate))
        if let left = progress.estimatedTimeLeft, progress.finished < progress.total {
            parts.append(Self.duration(left) + " left")
        }
        parts.append("\(progress.inFlight) in flight")
        if let activity = activity?.snapshot {
            if activity.waitingOnRateLimit > 0 {
                parts.append("\(activity.waitingOnRateLimit) waiting on a rate limit")
            }
            if activity.waitingOnRetry > 0 {
                let wait = activity.longestRetryWait.map { " (\(Self.duration($0)))" } ?? ""
                parts.append("\(activity.waitingOnRetry) retrying\(wait)")
            }
        }
        parts.append(progress.errors == 1 ? "1 error" : "\(progress.errors) errors")
        return parts.joined(separator: " · ")
    }

    private static func duration(_ duration: Duration) -> String {
        let seconds = Int(duration.seconds.rounded(.up))
        if seconds < 90 { return "\(seconds) s" }
        if seconds < 5_400 { return "\(seconds / 60) min" }
        return String(format: "%.1f h", Double(seconds) / 3_600)
    }
}
