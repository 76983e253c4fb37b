import CCurl
import CCurlShims
import Foundation
import Synchronization

/// The thread that drives libcurl's multi handle for one ``HTTPClient``.
///
/// Tasks hand work to the thread through a lock-guarded mailbox and wake it through a pipe
/// that `curl_multi_poll` watches beside the transfers' sockets. Everything that touches a
/// libcurl handle runs on the loop thread.
final class CurlMultiLoop: Sendable {
    struct Submission: Sendable {
        var id: UInt64
        var request: HTTPRequest
        var delivery: TransferDelivery
    }

    /// Where a reserved transfer is in its life, as the submitting side sees it.
    enum Phase {
        case reserved
        case cancelledBeforeSubmission
        case submitted
    }

    struct Mailbox {
        var nextID: UInt64 = 0
        var phases: [UInt64: Phase] = [:]
        var submissions: [Submission] = []
        var cancellations: [UInt64] = []
        var isShuttingDown = false
    }

    private let mailbox = Mutex(Mailbox())
    private let wakeReader: Int32
    private let wakeWriter: Int32

    init(maximumConnectionsPerHost: Int) {
        CurlGlobal.initializeOnce()
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            fatalError("Could not create the HTTP client's wake-up pipe (errno \(errno)).")
        }
        wakeReader = fds[0]
        wakeWriter = fds[1]
        for descriptor in fds {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            // Not inherited by programs this process starts (the local model server).
            _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
        }
        let thread = Thread { [self] in
            run(maximumConnectionsPerHost: maximumConnectionsPerHost)
        }
        thread.name = "ember.http"
        thread.start()
    }

    deinit {
        // Closed here, not when the loop stops: a late `wake()` from another thread must
        // never write into a descriptor number the system has since handed to a socket.
        close(wakeReader)
        close(wakeWriter)
    }

    /// Allocates an id for a request that is about to be submitted.
    func reserveTransfer() -> UInt64 {
        mailbox.withLock { mailbox in
            mailbox.nextID += 1
            mailbox.phases[mailbox.nextID] = .reserved
            return mailbox.nextID
        }
    }

    /// Hands a request to the loop thread, unless its task was cancelled first.
    func submit(id: UInt64, request: HTTPRequest, delivery: TransferDelivery) {
        let isCancelled = mailbox.withLock { mailbox in
            if mailbox.phases[id] == .cancelledBeforeSubmission || mailbox.isShuttingDown {
                mailbox.phases[id] = nil
                return true
            }
            mailbox.phases[id] = .submitted
            mailbox.submissions.append(Submission(id: id, request: request, delivery: delivery))
            return false
        }
        if isCancelled {
            delivery.fail(CancellationError())
        } else {
            wake()
        }
    }

    /// Asks the loop thread to abandon a request; a finished request is left alone.
    func cancel(id: UInt64) {
        let shouldWake = mailbox.withLock { mailbox in
            switch mailbox.phases[id] {
            case .reserved:
                mailbox.phases[id] = .cancelledBeforeSubmission
                return false
            case .submitted:
                mailbox.cancellations.append(id)
                return true
            case .cancelledBeforeSubmission, nil:
                return false
            }
        }
        if shouldWake { wake() }
    }

    /// Stops the loop thread once; requests still in flight fail with `CancellationError`.
    func shutDown() {
        mailbox.withLock { $0.isShuttingDown = true }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    private func drainWakeups() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeReader, &buffer, buffer.count) > 0 {}
    }

    private func finished(id: UInt64) {
        mailbox.withLock { _ = $0.phases.removeValue(forKey: id) }
    }

    // MARK: The loop thread

    private func run(maximumConnectionsPerHost: Int) {
        guard let multi = curl_multi_init() else {
            fatalError("libcurl could not create a multi handle.")
        }
        _ = ember_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                                    maximumConnectionsPerHost)
        // Keep a burst's connections open for the next burst; libcurl's default cache holds
        // only four times the transfers in progress, and shrinks as a batch drains.
        _ = ember_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maximumConnectionsPerHost)
        var transfers: [UInt64: CurlTransfer] = [:]
        var handles = EasyHandlePool(capacity: maximumConnectionsPerHost)
        var idleTimedCount = 0

        while true {
            let (submissions, cancellations, isShuttingDown) = mailbox.withLock { mailbox in
                defer {
                    mailbox.submissions.removeAll()
                    mailbox.cancellations.removeAll()
                }
                return (mailbox.submissions, mailbox.cancellations, mailbox.isShuttingDown)
            }
            for submission in submissions {
                start(submission, on: multi, into: &transfers, handles: &handles)
                if submission.request.timeouts.idle != nil { idleTimedCount += 1 }
            }
            for id in cancellations {
                guard let transfer = transfers.removeValue(forKey: id) else { continue }
                curl_multi_remove_handle(multi, transfer.easy)
                finished(id: id)
                transfer.finish(throwing: CancellationError())
                handles.recycle(transfer.easy)
            }
            if isShuttingDown {
                for (id, transfer) in transfers {
                    curl_multi_remove_handle(multi, transfer.easy)
                    finished(id: id)
                    transfer.finish(throwing: CancellationError())
                    curl_easy_cleanup(transfer.easy)
                }
                curl_multi_cleanup(multi)
                return
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectCompletedTransfers(on: multi, from: &transfers, handles: &handles)
            // Only streams carry an idle timeout; skip the scan when none is in flight.
            var nextDeadline: ContinuousClock.Instant?
            if idleTimedCount > 0 {
                nextDeadline = expireIdleTransfers(on: multi, from: &transfers,
                                                   handles: &handles)
                idleTimedCount = transfers.values.count { $0.idleDeadline != nil }
            }

            var wakeFD = curl_waitfd(fd: wakeReader, events: Int16(CURL_WAIT_POLLIN), revents: 0)
            var readyCount: Int32 = 0
            let wait = nextDeadline.map { ContinuousClock.now.duration(to: $0) } ?? .seconds(1)
            let waitMilliseconds = Int32(clamping: max(1, min(1000, wait.milliseconds + 1)))
            curl_multi_poll(multi, &wakeFD, 1, waitMilliseconds, &readyCount)
            if wakeFD.revents != 0 { drainWakeups() }
        }
    }

    private func start(_ submission: Submission, on multi: UnsafeMutableRawPointer,
                       into transfers: inout [UInt64: CurlTransfer],
                       handles: inout EasyHandlePool) {
        guard let easy = handles.take() else {
            finished(id: submission.id)
            submission.delivery.fail(HTTPClientError.invalidRequest(
                url: submission.request.url, detail: "libcurl could not create a handle"))
            return
        }
        do {
            let transfer = try CurlTransfer(id: submission.id, easy: easy,
                                            request: submission.request,
                                            delivery: submission.delivery)
            curl_multi_add_handle(multi, transfer.easy)
            transfers[submission.id] = transfer
        } catch {
            handles.recycle(easy)
            finished(id: submission.id)
            submission.delivery.fail(error)
        }
    }

    /// Fails the transfers that have been silent past their idle timeout.
    ///
    /// - Returns: The earliest idle deadline among the transfers still running.
    private func expireIdleTransfers(on multi: UnsafeMutableRawPointer,
                                     from transfers: inout [UInt64: CurlTransfer],
                                     handles: inout EasyHandlePool)
        -> ContinuousClock.Instant?
    {
        let now = ContinuousClock.now
        var earliest: ContinuousClock.Instant?
        for (id, transfer) in transfers {
            guard let deadline = transfer.idleDeadline else { continue }
            if deadline <= now {
                transfers[id] = nil
                curl_multi_remove_handle(multi, transfer.easy)
                finished(id: id)
                transfer.finish(throwing: transfer.idleTimeoutError())
                handles.recycle(transfer.easy)
            } else if earliest.map({ deadline < $0 }) ?? true {
                earliest = deadline
            }
        }
        return earliest
    }

    private func collectCompletedTransfers(on multi: UnsafeMutableRawPointer,
                                           from transfers: inout [UInt64: CurlTransfer],
                                           handles: inout EasyHandlePool) {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle
            else { continue }
            let result = ember_multi_message_result(message)
            var context: UnsafeMutableRawPointer?
            _ = ember_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context)
            guard let context else { continue }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            curl_multi_remove_handle(multi, easy)
            transfers[transfer.id] = nil
            finished(id: transfer.id)
            transfer.complete(with: result)
            handles.recycle(easy)
        }
    }
}

/// libcurl's process-wide set-up, done once before the first handle is made.
enum CurlGlobal {
    private static let isInitialized: Bool = {
        // With CURLOPT_NOSIGNAL set, a peer closing a socket raises SIGPIPE in the writer;
        // the process must ignore it or die.
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32)) == CURLE_OK
    }()

    static func initializeOnce() {
        precondition(isInitialized, "libcurl failed to initialise.")
    }
}
