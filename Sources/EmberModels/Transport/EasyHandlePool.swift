import CCurl

/// libcurl easy handles kept for reuse, so that a request does not create and free a
/// handle (and the buffers libcurl allocates for it) every time.
///
/// A handle comes back through ``recycle(_:)`` once it has left the multi handle; it is
/// reset there (`curl_easy_reset`), which clears every option a request set but keeps the
/// allocations. At most `capacity` handles are kept; more are cleaned up. Used by the loop
/// thread only.
struct EasyHandlePool: ~Copyable {
    private var idle: [UnsafeMutableRawPointer] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    deinit {
        for easy in idle { curl_easy_cleanup(easy) }
    }

    /// A handle with no options set: a kept one if there is one, else a new one; `nil` if
    /// libcurl could not create one.
    mutating func take() -> UnsafeMutableRawPointer? {
        idle.popLast() ?? curl_easy_init()
    }

    /// Takes back a handle that is in no multi handle and that nothing points into any more.
    mutating func recycle(_ easy: UnsafeMutableRawPointer) {
        guard idle.count < capacity else {
            curl_easy_cleanup(easy)
            return
        }
        curl_easy_reset(easy)
        idle.append(easy)
    }
}
