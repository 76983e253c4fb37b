import Ember
import Foundation

/// The progress line of a run on stderr: redrawn in place on a terminal, one line per
/// item otherwise (so logs stay readable).
final class ProgressLine: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1

    func update(_ progress: EvaluationProgress) {
        let seconds = progress.elapsed.seconds
        let rate = seconds > 0 ? Double(progress.finished) / seconds : 0
        let errors = progress.errors == 1 ? "1 error" : "\(progress.errors) errors"
        let line = String(
            format: "[%d/%d] %d correct · %@ · %.2f items/s · %.0f s",
            progress.finished, progress.total, progress.correct, errors, rate, seconds)
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
        } else {
            printError(line)
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
