import EmberData
import EmberEval
import EmberOperators
import Foundation
import Testing

@Suite("Code execution evaluator", .timeLimit(.minutes(2)))
struct CodeExecutionEvaluatorTests {
    let evaluator = CodeExecutionEvaluator()

    @Test("the canonical solutions of real HumanEval items pass", arguments: [
        HumanEvalItem.hasCloseElements, .truncateNumber, .makePalindrome,
    ])
    func canonicalSolutionPasses(item: HumanEvalItem) async {
        let outcome = await evaluator.evaluate(item.canonicalSolution, for: item.record)
        #expect(outcome.isCorrect, "\(item.taskID): \(outcome.explanation)")
        #expect(outcome.explanation.hasPrefix("passed the tests"))
    }

    @Test("a full function in a fenced block passes, using the prompt's imports and helpers",
          arguments: [
              (HumanEvalItem.hasCloseElements, """
                  Sure! Here is the function:

                  ```python
                  def has_close_elements(numbers: List[float], threshold: float) -> bool:
                      return any(abs(a - b) < threshold
                                 for i, a in enumerate(numbers)
                                 for j, b in enumerate(numbers) if i != j)
                  ```
                  It compares every pair.
                  """),
              (HumanEvalItem.makePalindrome, """
                  ```python
                  def make_palindrome(string: str) -> str:
                      for start in range(len(string) + 1):
                          if is_palindrome(string[start:]):
                              return string + string[:start][::-1]
                      return string
                  ```
                  """),
          ])
    func fencedFunctionPasses(item: HumanEvalItem, response: String) async {
        let outcome = await evaluator.evaluate(response, for: item.record)
        #expect(outcome.isCorrect, "\(item.taskID): \(outcome.explanation)")
    }

    @Test("a wrong solution fails and names the failed assertion")
    func wrongSolutionFails() async {
        let item = HumanEvalItem.hasCloseElements
        let outcome = await evaluator.evaluate("    return False\n", for: item.record)
        #expect(!outcome.isCorrect)
        #expect(outcome.explanation.hasPrefix("failed: AssertionError (assert candidate("),
                "\(outcome.explanation)")
    }

    @Test("exceptions and syntax errors give the last line of the error", arguments: [
        ("    return undefined_name\n", "raised NameError: name 'undefined_name' is not defined"),
        ("    return (\n", "syntax error: SyntaxError: '(' was never closed"),
        ("    return 1\n      return 2\n", "syntax error: IndentationError: unexpected indent"),
    ])
    func errors(response: String, explanation: String) async {
        let outcome = await evaluator.evaluate(response, for: HumanEvalItem.truncateNumber.record)
        #expect(!outcome.isCorrect)
        #expect(outcome.explanation.hasPrefix(explanation), "\(outcome.explanation)")
    }

    @Test("an infinite loop times out and its process group is killed")
    func infiniteLoopTimesOut() async {
        let quick = CodeExecutionEvaluator(
            sandbox: PythonSandbox(limits: .init(timeLimit: .seconds(2))))
        let outcome = await quick.evaluate("    while True:\n        pass\n",
                                           for: HumanEvalItem.truncateNumber.record)
        #expect(!outcome.isCorrect)
        #expect(outcome.explanation.hasPrefix("timed out after 2 s"), "\(outcome.explanation)")
    }

    @Test("a memory hog is stopped by the address-space limit")
    func memoryHogIsStopped() async {
        let outcome = await evaluator.evaluate(
            "    hog = bytearray(4 * 1024 ** 3)\n    return 0.5\n",
            for: HumanEvalItem.truncateNumber.record)
        #expect(!outcome.isCorrect)
        #expect(outcome.explanation.hasPrefix("ran out of memory (limit 1024 MiB): MemoryError"),
                "\(outcome.explanation)")
    }

    @Test("a network attempt fails when the machine gives runs a network namespace")
    func networkIsUnreachable() async throws {
        guard await PythonSandbox.isolation().isNetworkIsolated else { return }
        let server = try LoopbackListener()
        defer { server.close() }
        let response = """
                import socket
                socket.create_connection(("127.0.0.1", \(server.port)), timeout=2).close()
                return number % 1.0
            """
        let outcome = await evaluator.evaluate(response, for: HumanEvalItem.truncateNumber.record)
        #expect(!outcome.isCorrect)
        #expect(outcome.explanation.hasPrefix("raised OSError"), "\(outcome.explanation)")

        let unisolated = CodeExecutionEvaluator(sandbox: PythonSandbox(isolatesNetwork: false))
        let reached = await unisolated.evaluate(response, for: HumanEvalItem.truncateNumber.record)
        #expect(reached.isCorrect, "the listener is reachable without isolation: \(reached)")
    }

    @Test("no code, or no task in the record, is said so")
    func noCode() async {
        let outcome = await evaluator.evaluate("  \n", for: HumanEvalItem.truncateNumber.record)
        #expect(outcome.explanation == "no code found")
        let bare = DatasetRecord(id: "x", question: "q", answer: "", answerKind: .code)
        let missing = await evaluator.evaluate("    return 1", for: bare)
        #expect(missing.explanation == "the record has no prompt and entry_point to test against")
    }

    @Test("at most the configured number of programs run at once")
    func concurrencyIsBounded() async {
        let serial = CodeExecutionEvaluator(maximumConcurrentRuns: 1)
        let record = HumanEvalItem.truncateNumber.record
        let response = "    import time\n    time.sleep(0.4)\n    return number % 1.0\n"
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = await withTaskGroup(of: EvaluationOutcome.self) { group in
            for _ in 0..<3 { group.addTask { await serial.evaluate(response, for: record) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter(\.isCorrect).count == 3)
        #expect(clock.now - start >= .milliseconds(1200))
    }

    @Test("cancelling an evaluation kills its program")
    func cancellationKills() async {
        let record = HumanEvalItem.truncateNumber.record
        let task = Task {
            await evaluator.evaluate("    while True:\n        pass\n", for: record)
        }
        try? await Task.sleep(for: .milliseconds(500))
        task.cancel()
        let outcome = await task.value
        // The evaluator's time limit is 10 s: an outcome other than a timeout means the
        // cancellation, not the limit, ended the program.
        #expect(!outcome.isCorrect)
        #expect(!outcome.explanation.hasPrefix("timed out"), "\(outcome.explanation)")
    }
}

@Suite("Python sandbox", .timeLimit(.minutes(1)))
struct PythonSandboxTests {
    @Test("a run gets a fresh directory, removed afterwards, and a minimal environment")
    func freshDirectoryAndEnvironment() async throws {
        let run = try await PythonSandbox().run("""
            import os
            open("scratch.txt", "w").write("x")
            print(os.getcwd())
            print(sorted(os.environ))
            """)
        #expect(run.hasSucceeded, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let directory = lines.first ?? ""
        #expect(directory.contains("ember-sandbox-"))
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(lines.last == "['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'TMPDIR']")
    }

    @Test("the file-size limit stops large writes")
    func fileSizeLimit() async throws {
        let sandbox = PythonSandbox(limits: .init(fileSizeBytes: 1 << 20))
        let run = try await sandbox.run("open('big', 'wb').write(b'0' * (4 << 20))")
        #expect(!run.hasSucceeded)
        #expect(run.standardError.contains("File too large"), "\(run.standardError)")
    }

    @Test("the CPU limit stops a busy program even with time to spare")
    func cpuLimit() async throws {
        let sandbox = PythonSandbox(limits: .init(timeLimit: .seconds(20), cpuSeconds: 1))
        let run = try await sandbox.run("while True:\n    pass")
        #expect(!run.didTimeOut)
        #expect(run.signal == SIGXCPU || run.signal == SIGKILL)
    }

    @Test("a missing interpreter is an error")
    func missingInterpreter() async {
        await #expect(throws: PythonSandboxError.self) {
            _ = try await PythonSandbox(python: "no-such-python-3").run("pass")
        }
    }
}

/// A TCP socket listening on 127.0.0.1 at a free port, for checking that a sandboxed
/// program cannot reach the host's loopback.
struct LoopbackListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw CocoaError(.fileReadUnknown) }
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    func close() {
        _ = Foundation.close(descriptor)
    }
}
