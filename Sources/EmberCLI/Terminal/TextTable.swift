import Foundation

/// Rows of text in left-aligned columns, the first row a header.
struct TextTable {
    var rows: [[String]]

    init(_ rows: [[String]]) {
        self.rows = rows
    }

    func render() -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in
            rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
