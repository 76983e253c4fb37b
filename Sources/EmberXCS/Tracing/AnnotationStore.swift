import Synchronization

/// The annotations the nodes of one run attach, keyed by plan position.
///
/// Shared by every node of the run; locked only when a node annotates or the run reads the
/// annotations back, so nodes that never annotate pay nothing.
final class AnnotationStore: Sendable {
    private let storage = Mutex<[Int: [String: String]]>([:])

    init() {}

    func set(_ value: String, forKey key: String, position: Int) {
        storage.withLock { $0[position, default: [:]][key] = value }
    }

    func annotations(at position: Int) -> [String: String] {
        storage.withLock { $0[position] ?? [:] }
    }

    /// Every node's annotations, taken when the run has finished.
    func all() -> [Int: [String: String]] {
        storage.withLock { $0 }
    }
}
