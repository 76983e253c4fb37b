#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// An exclusive hold on one run, so that two processes never evaluate the same run at once.
///
/// The hold is a `flock(2)` lock on a file in the run's directory, with the holder's process
/// id written into it. The kernel releases it when the holder closes the file or dies, even
/// by `kill -9`, so a lock that nobody holds means nobody is running the run, whatever the
/// journal last recorded. The file itself is left in place: removing it would let a process
/// that opened the old file and one that creates a new one both believe they hold the lock.
///
/// Locks are per open file description, so two locks on the same file conflict even within
/// one process.
public final class RunLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Mutex<Int32?>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        release()
    }

    /// Takes the lock of run `runID` at `path`, creating the file and its directory if
    /// needed, and writes this process's id into it.
    ///
    /// It does not wait for another holder: when the lock is held, it tries again a few
    /// times over about a quarter of a second (a reader checking whether the run is live
    /// holds the lock for an instant), then throws.
    ///
    /// - Throws: ``JournalError/runInProgress(runID:processID:lockPath:)`` when another
    ///   process holds the lock; ``JournalError/lockFailed(runID:lockPath:reason:)`` when
    ///   the file cannot be created or locked.
    public static func acquire(runID: String, at path: String) throws -> RunLock {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory,
                                                    withIntermediateDirectories: true)
        } catch {
            throw JournalError.lockFailed(runID: runID, lockPath: path,
                                          reason: error.localizedDescription)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw JournalError.lockFailed(runID: runID, lockPath: path,
                                          reason: String(cString: strerror(errno)))
        }
        for attempt in 0..<6 {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                let text = "\(getpid())\n"
                _ = ftruncate(descriptor, 0)
                _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
                return RunLock(path: path, descriptor: descriptor)
            }
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw JournalError.lockFailed(runID: runID, lockPath: path,
                                              reason: String(cString: strerror(code)))
            }
            if attempt < 5 { usleep(50_000) }
        }
        close(descriptor)
        throw JournalError.runInProgress(runID: runID, processID: holder(at: path),
                                         lockPath: path)
    }

    /// Releases the lock; later calls do nothing.
    public func release() {
        descriptor.withLock { descriptor in
            guard let open = descriptor else { return }
            // Closing the only descriptor of the open file releases its flock.
            close(open)
            descriptor = nil
        }
    }

    /// Whether some process, this one included, holds the lock at `path`; `false` when
    /// there is no such file.
    ///
    /// It looks by taking a shared lock for an instant, so it can make an ``acquire(runID:at:)``
    /// of that moment try again.
    public static func isHeld(at path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(descriptor, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// The process id written in the lock file at `path`, or `nil` when it holds none.
    public static func holder(at path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
