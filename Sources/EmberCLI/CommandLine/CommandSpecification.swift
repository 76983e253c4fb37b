import Foundation

/// One option a command accepts.
struct OptionSpecification: Sendable {
    /// The long name, without the leading dashes (`limit`).
    var name: String
    /// The placeholder of its value (`N`), or `nil` for a flag that takes none.
    var valueName: String?
    /// One sentence saying what it does, with its default.
    var help: String
    /// A one-letter name, written `-v`, or `nil` for none.
    var shortName: Character? = nil

    /// How the help screen names it: `-v, --verbose`, `--limit <n>`.
    var label: String {
        let long = valueName.map { "--\(name) <\($0.lowercased())>" } ?? "--\(name)"
        return shortName.map { "-\($0), " + long } ?? long
    }
}

/// A positional argument a command takes.
struct ArgumentSpecification: Sendable {
    /// The placeholder (`MODEL`).
    var name: String
    /// One sentence saying what it is.
    var help: String
}

/// What a command accepts and how its help screen reads.
struct CommandSpecification: Sendable {
    /// The words that invoke it (`ember local start`).
    var path: String
    /// One or two sentences on what it does.
    var overview: String
    var arguments: [ArgumentSpecification] = []
    var options: [OptionSpecification] = []
    /// Subcommand names and one sentence each.
    var subcommands: [(name: String, help: String)] = []

    /// The usage line.
    var usage: String {
        var parts = [path]
        if !subcommands.isEmpty { parts.append("<subcommand>") }
        parts += arguments.map { "<\($0.name.lowercased())>" }
        if !options.isEmpty { parts.append("[<options>]") }
        return parts.joined(separator: " ")
    }

    /// The help screen: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS.
    var helpText: String {
        var text = "OVERVIEW: \(overview)\n\nUSAGE: \(usage)\n"
        func section(_ title: String, _ rows: [(String, String)]) {
            guard !rows.isEmpty else { return }
            let width = min(28, rows.map(\.0.count).max() ?? 0)
            text += "\n\(title):\n"
            for (label, help) in rows {
                let padded = label.count > width
                    ? label + "\n" + String(repeating: " ", count: width + 4)
                    : label.padding(toLength: width, withPad: " ", startingAt: 0)
                text += "  \(padded)  \(help)\n"
            }
        }
        section("ARGUMENTS", arguments.map { ("<\($0.name.lowercased())>", $0.help) })
        let options = self.options + [
            OptionSpecification(name: "help", help: "Show help information.", shortName: "h"),
        ]
        section("OPTIONS", options.map { ($0.label, $0.help) })
        section("SUBCOMMANDS", subcommands.map { ($0.name, $0.help) })
        if !subcommands.isEmpty {
            let words = path.split(separator: " ")
            let helpPath = (["ember", "help"] + words.dropFirst()).joined(separator: " ")
            text += "\n  See '\(helpPath) <subcommand>' for detailed help.\n"
        }
        return text
    }
}
