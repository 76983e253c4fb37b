/// A usage mistake on the command line; the tool prints it with the usage line, exit 64.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    var specification: CommandSpecification

    var description: String { message }
}

/// The arguments of one command after parsing against its specification.
struct ParsedArguments {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    let specification: CommandSpecification

    /// Whether `--help` or `-h` was given.
    var wantsHelp: Bool { flags.contains("help") }

    /// Parses `--name value`, `--name=value`, flags and positionals; `--` ends options.
    ///
    /// A word that starts like a negative number (`-1`, `-0.5`, `-1 plus 2?`) is a
    /// positional when the command takes any, since no option's name starts with a digit;
    /// other words that start with `-` need a `--` before them.
    init(_ arguments: some Sequence<String>, specification: CommandSpecification)
        throws(UsageError)
    {
        self.specification = specification
        var iterator = arguments.makeIterator()
        var optionsEnded = false
        while let argument = iterator.next() {
            if optionsEnded || !argument.hasPrefix("-") || argument == "-"
                || (!specification.arguments.isEmpty && Self.startsLikeNegativeNumber(argument)) {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                flags.insert("help")
                continue
            }
            var name: String
            if argument.hasPrefix("--") {
                name = String(argument.dropFirst(2))
            } else if argument.count == 2, let short = specification.options.first(where: {
                $0.shortName == argument.last
            }) {
                name = short.name
            } else {
                throw fail("Unknown option '\(argument)'." + dashHint)
            }
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = specification.options.first(where: { $0.name == name }) else {
                let known = specification.options.map { "--\($0.name)" }
                throw fail("Unknown option '--\(name)'"
                    + (known.isEmpty ? "." : "; known options: \(known.joined(separator: ", ")).")
                    + dashHint)
            }
            if option.valueName == nil {
                guard inlineValue == nil else {
                    throw fail("The flag '--\(name)' takes no value.")
                }
                flags.insert(name)
            } else {
                guard let value = inlineValue ?? iterator.next() else {
                    throw fail("The option '--\(name)' needs a value <\(option.valueName!)>.")
                }
                values[name] = value
            }
        }
    }

    /// Whether `argument` is `-` followed by a digit, or by `.` and a digit.
    private static func startsLikeNegativeNumber(_ argument: String) -> Bool {
        let rest = argument.utf8.dropFirst()
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard let first = rest.first else { return false }
        if digits.contains(first) { return true }
        return first == UInt8(ascii: ".") && rest.dropFirst().first.map(digits.contains) == true
    }

    /// For an unknown option, when the command takes positionals: how to pass one that
    /// starts with `-`.
    private var dashHint: String {
        specification.arguments.isEmpty ? ""
            : " To pass a value that starts with '-', put '--' before it; every word after "
                + "'--' is taken as an argument."
    }

    /// A usage error for this command.
    func fail(_ message: String) -> UsageError {
        UsageError(message: message, specification: specification)
    }

    /// The value of an option, or `nil` if not given.
    func value(_ name: String) -> String? { values[name] }

    /// The value of an integer option within a range, or `defaultValue` if not given.
    func integer(_ name: String, default defaultValue: Int,
                 in range: ClosedRange<Int> = 1...Int.max) throws(UsageError) -> Int {
        guard let text = values[name] else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            let bound = range.upperBound == Int.max
                ? "an integer of at least \(range.lowerBound)"
                : "an integer from \(range.lowerBound) to \(range.upperBound)"
            throw fail("The value '\(text)' of '--\(name)' is not valid; expected \(bound).")
        }
        return number
    }

    /// The value of a number option within a range, or `nil` if not given.
    func number(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let text = values[name] else { return nil }
        guard let number = Double(text), range.contains(number) else {
            throw fail("The value '\(text)' of '--\(name)' is not valid; expected a number "
                + "from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    /// Requires exactly `count` positional arguments.
    func requirePositionals(_ count: Int) throws(UsageError) {
        guard positionals.count == count else {
            let names = specification.arguments.map { "<\($0.name.lowercased())>" }
            if positionals.count < count {
                throw fail("Missing \(names.dropFirst(positionals.count).joined(separator: " ")).")
            }
            throw fail("Unexpected argument '\(positionals[count])'.")
        }
    }
}
