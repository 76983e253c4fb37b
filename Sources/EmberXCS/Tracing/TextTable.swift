/// A plain-text table of two columns, the first padded to its widest cell.
struct TextTable: CustomStringConvertible {
    var header: (String, String)
    var rows: [(String, String)]

    var description: String {
        let width = ([header.0] + rows.map(\.0)).map(\.count).max() ?? 0
        let valueWidth = ([header.1] + rows.map(\.1)).map(\.count).max() ?? 0
        func line(_ name: String, _ value: String) -> String {
            name + String(repeating: " ", count: width - name.count + 2) + value
        }
        let rule = line(String(repeating: "-", count: width),
                        String(repeating: "-", count: valueWidth))
        return ([line(header.0, header.1), rule] + rows.map { line($0.0, $0.1) })
            .joined(separator: "\n")
    }
}
