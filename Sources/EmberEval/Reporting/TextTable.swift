/// A plain-text table whose columns are aligned with spaces.
struct TextTable {
    enum Alignment { case left, right }

    private let headings: [String]
    private let alignments: [Alignment]
    private var rows: [[String]] = []

    init(columns: [(String, Alignment)]) {
        headings = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table, indented by two spaces, one line a row, with a newline after each.
    func render() -> String {
        let all = [headings] + rows
        let widths = headings.indices.map { column in
            all.map { $0[column].count }.max() ?? 0
        }
        var text = ""
        for row in all {
            let cells = row.indices.map { column in
                pad(row[column], to: widths[column], alignment: alignments[column])
            }
            var line = "  " + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }

    private func pad(_ text: String, to width: Int, alignment: Alignment) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return alignment == .left ? text + padding : padding + text
    }
}
