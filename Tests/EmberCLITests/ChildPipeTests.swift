import EmberTestSupport
import Foundation
import Testing

/// The pipes the CLI tests read a command's output from: a child started by another test at
/// the same moment must not inherit them, or the reader waits for that child to exit too.
@Suite("Pipes to one child")
struct ChildPipeTests {
    @Test("both ends are closed on exec")
    func closedOnExec() throws {
        let pipe = try ChildPipe()
        for handle in [pipe.reading, pipe.writing] {
            let flags = fcntl(handle.fileDescriptor, F_GETFD)
            #expect(flags >= 0)
            #expect(flags & FD_CLOEXEC != 0)
        }
    }

    @Test("the child that takes an end keeps it, and its reader sees the end when it exits")
    func childKeepsItsEnd() async throws {
        let result = try await CommandRunner.run(
            "/bin/sh", ["-c", "read line; echo \"got $line\"; echo done >&2"],
            environment: ["PATH": "/usr/bin:/bin"], input: "hello\n")
        #expect(result.status == 0)
        #expect(result.standardOutput == "got hello\n")
        #expect(result.standardError == "done\n")
    }
}
