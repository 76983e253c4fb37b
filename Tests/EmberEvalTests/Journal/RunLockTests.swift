import Foundation
import Testing
@testable import EmberEval

@Suite("Run lock")
struct RunLockTests {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ember-lock-\(UUID().uuidString)").path

    var path: String { directory + "/runs/run-1/run.lock" }

    @Test("a second lock on the same run is refused, naming the run and the holder's PID")
    func secondLockIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try RunLock.acquire(runID: "run-1", at: path)
        defer { first.release() }
        #expect(RunLock.holder(at: path) == getpid())
        #expect(RunLock.isHeld(at: path))
        // flock locks belong to an open file description: a second open conflicts, even in
        // this process.
        let error = #expect(throws: JournalError.self) {
            try RunLock.acquire(runID: "run-1", at: path)
        }
        guard case .runInProgress(let runID, let processID, _)? = error else {
            Issue.record("expected runInProgress, got \(String(describing: error))")
            return
        }
        #expect(runID == "run-1")
        #expect(processID == getpid())
        let message = try #require(error).description
        #expect(message.contains("Run run-1 is being run by another process (PID \(getpid()))"))
        #expect(message.contains("wait for it to finish, or stop it"))
    }

    @Test("a released lock, or one whose holder is gone, can be taken again")
    func releasedLockIsFree() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(!RunLock.isHeld(at: path))
        let first = try RunLock.acquire(runID: "run-1", at: path)
        first.release()
        first.release()
        #expect(!RunLock.isHeld(at: path))
        do {
            // Dropping the last reference closes the file, as a dying process does.
            let second = try RunLock.acquire(runID: "run-1", at: path)
            #expect(RunLock.isHeld(at: path))
            _ = second
        }
        let third = try RunLock.acquire(runID: "run-1", at: path)
        third.release()
    }

    @Test("a lock held by another process is seen and refused until that process dies")
    func otherProcess() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        // A shell opens the file, locks it with flock(1) from util-linux, and becomes
        // `sleep`, the one process holding the open file and so the lock.
        guard ["/usr/bin/flock", "/bin/flock"].contains(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else { return }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", #"exec 9>"$0"; flock -x 9; exec sleep 30"#, path]
        try holder.run()
        defer {
            if holder.isRunning { holder.terminate() }
            holder.waitUntilExit()
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while !RunLock.isHeld(at: path), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(RunLock.isHeld(at: path))
        #expect(throws: JournalError.self) { try RunLock.acquire(runID: "run-1", at: path) }
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(!RunLock.isHeld(at: path))
        let lock = try RunLock.acquire(runID: "run-1", at: path)
        lock.release()
    }
}
