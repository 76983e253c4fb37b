/// The names among `candidates` close to `name`, closest first, for "did you mean" hints:
/// at most `limit`, each within a few edits of `name` (a third of its length, at least two)
/// or containing it, ignoring case; ties in alphabetical order.
public func closeNames(to name: String, among candidates: some Sequence<String>,
                       limit: Int = 3) -> [String] {
    let needle = name.lowercased()
    let scored = Set(candidates).compactMap { candidate -> (name: String, distance: Int)? in
        let distance = editDistance(needle, candidate.lowercased())
        let isClose = distance <= max(2, needle.count / 3)
            || (!needle.isEmpty && candidate.lowercased().contains(needle))
        return isClose ? (candidate, distance) : nil
    }
    return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
        .prefix(limit).map(\.name)
}

/// The Levenshtein distance between two strings, by characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
