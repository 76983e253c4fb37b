import EmberData
import Foundation

/// Scores generated code by running the record's tests against it, as HumanEval is scored
/// (pass@1 for one sample).
///
/// The record gives the task: `metadata["prompt"]` is the function's signature and
/// docstring, `metadata["entry_point"]` its name, and `answer` the test code, which defines
/// `check(candidate)`. The code is read from the response by ``PythonCompletion``, and the
/// program `prompt + completion + "\n" + test + "\n" + "check(<entry point>)"` is run by a
/// ``PythonSandbox``; see there for what the sandbox does and does not protect against.
/// Exit status 0 is a pass.
///
/// Runs are separate processes, awaited without blocking Swift's cooperative threads, and
/// at most `maximumConcurrentRuns` run at once across all copies of one evaluator; further
/// evaluations wait their turn. Cancelling an evaluation kills its run.
///
/// An outcome says why: "passed the tests", "failed: AssertionError (assert
/// candidate(…) == True)", "raised NameError: …", "syntax error: …", "timed out after
/// 10 s", "ran out of memory …", "no code found". Where the machine cannot give runs a
/// network namespace, the explanation adds "(ran without network isolation)".
public struct CodeExecutionEvaluator: Evaluator {
    public let name = "code"
    /// Where and under which limits programs run.
    public let sandbox: PythonSandbox
    /// How many programs run at once, at most.
    public let maximumConcurrentRuns: Int
    private let permits: ConcurrencyLimit

    /// Creates the evaluator; by default programs get 10 seconds, 1 GiB of address space
    /// and two run at once.
    public init(sandbox: PythonSandbox = PythonSandbox(), maximumConcurrentRuns: Int = 2) {
        self.sandbox = sandbox
        self.maximumConcurrentRuns = max(1, maximumConcurrentRuns)
        self.permits = ConcurrencyLimit(permits: maximumConcurrentRuns)
    }

    public func evaluate(_ response: String, for record: DatasetRecord) async
        -> EvaluationOutcome
    {
        guard let prompt = record.metadata["prompt"],
              let entryPoint = record.metadata["entry_point"], !entryPoint.isEmpty else {
            return EvaluationOutcome(
                isCorrect: false, extractedAnswer: nil,
                explanation: "the record has no prompt and entry_point to test against")
        }
        guard let completion = PythonCompletion(response: response, entryPoint: entryPoint)
        else {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: nil,
                                     explanation: "no code found")
        }
        let program = completion.program(prompt: prompt, test: record.answer,
                                         entryPoint: entryPoint)
        let run: PythonSandbox.Run
        do {
            run = try await permits.withPermit { try await sandbox.run(program) }
        } catch let error as PythonSandboxError {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: completion.code,
                                     explanation: "could not run the tests: \(error)")
        } catch {
            return EvaluationOutcome(isCorrect: false, extractedAnswer: completion.code,
                                     explanation: "cancelled before the tests ran")
        }
        var explanation = verdict(on: run)
        if sandbox.isolatesNetwork, !run.isNetworkIsolated {
            explanation += " (ran without network isolation)"
        }
        return EvaluationOutcome(isCorrect: run.hasSucceeded, extractedAnswer: completion.code,
                                 explanation: explanation)
    }

    /// Why `run` passed or failed, in a few words.
    func verdict(on run: PythonSandbox.Run) -> String {
        if run.didTimeOut { return "timed out after \(seconds(sandbox.limits.timeLimit))" }
        if run.hasSucceeded { return "passed the tests" }
        if let signal = run.signal {
            switch signal {
            case SIGXCPU:
                return "exceeded the CPU limit of \(sandbox.limits.cpuSeconds) s"
            case SIGXFSZ:
                return "exceeded the file size limit of \(sandbox.limits.fileSizeBytes) bytes"
            default:
                return "killed by signal \(signal)"
            }
        }
        let lastLine = Self.lastLine(of: run.standardError)
        let kind = lastLine.prefix { $0 != ":" }
        switch kind {
        case "":
            return "exited with status \(run.exitStatus ?? -1)"
        case "SyntaxError", "IndentationError", "TabError":
            return "syntax error: \(Self.shortened(lastLine))"
        case "MemoryError":
            return "ran out of memory (limit \(sandbox.limits.memoryBytes >> 20) MiB): "
                + Self.shortened(lastLine)
        case "AssertionError":
            let assertion = run.standardError.split(separator: "\n").last {
                $0.trimmingWhitespace().hasPrefix("assert")
            }
            return "failed: " + Self.shortened(lastLine)
                + (assertion.map { " (\(Self.shortened($0.trimmingWhitespace())))" } ?? "")
        default:
            return "raised " + Self.shortened(lastLine)
        }
    }

    private static func lastLine(of text: String) -> String {
        text.split(separator: "\n").last { !$0.trimmingWhitespace().isEmpty }?
            .trimmingWhitespace() ?? ""
    }

    private static func shortened(_ text: String) -> String {
        text.count > 160 ? text.prefix(157) + "…" : text
    }
}

/// `10 s`, `0.5 s`.
func seconds(_ duration: Duration) -> String {
    let (whole, fraction) = duration.components
    guard fraction > 0 else { return "\(whole) s" }
    let value = Double(whole) + Double(fraction) / 1e18
    return "\((value * 1000).rounded() / 1000) s"
}
