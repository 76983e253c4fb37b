/// The code a model wrote for a HumanEval-style task, and the program that tests it.
public struct PythonCompletion: Sendable, Hashable {
    /// The code taken from the response.
    public var code: String
    /// Whether the code defines the task's function itself (`def <entry point>(`), rather
    /// than continuing the prompt with the function's body.
    public var definesEntryPoint: Bool

    /// The code in `response`: the first fenced block tagged `python` (or `py`,
    /// `python3`), else the first untagged fenced block, else the whole response; `nil`
    /// when that is blank. An unclosed fence (a response cut off at its token limit) runs
    /// to the end of the response.
    ///
    /// A body written without indentation (`return x + 1`) is indented by four spaces so
    /// that it continues the prompt's `def`.
    public init?(response: String, entryPoint: String) {
        let lines = response.split(separator: "\n", omittingEmptySubsequences: false)
        let block = Self.fencedBlock(in: lines, tags: ["python", "py", "python3"])
            ?? Self.fencedBlock(in: lines, tags: [""])
        var code = block ?? response
        guard code.contains(where: { !$0.isWhitespace }) else { return nil }
        let definition = "def \(entryPoint)("
        let codeLines = code.split(separator: "\n", omittingEmptySubsequences: false)
        definesEntryPoint = codeLines.contains { $0.hasPrefix(definition) }
        if !definesEntryPoint, let first = codeLines.first(where: {
            $0.contains { !$0.isWhitespace }
        }), first.first?.isWhitespace == false,
           !["def ", "class ", "import ", "from ", "@", "#"].contains(where: first.hasPrefix) {
            code = codeLines.map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        }
        self.code = code
    }

    /// The program that checks this completion: `prompt + completion + "\n" + test + "\n"
    /// + "check(<entry point>)"`.
    ///
    /// When the completion defines the function itself, it replaces the prompt's
    /// definition, but whatever the prompt has before that definition (its imports and
    /// helper functions) is kept.
    public func program(prompt: String, test: String, entryPoint: String) -> String {
        var head = prompt
        if definesEntryPoint {
            let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false)
            let definition = "def \(entryPoint)("
            let preamble = lines.prefix { !$0.hasPrefix(definition) }
            head = preamble.joined(separator: "\n") + "\n"
        }
        return head + code + "\n" + test + "\n" + "check(\(entryPoint))\n"
    }

    private static func fencedBlock(in lines: [Substring], tags: Set<String>) -> String? {
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingWhitespace()
            index += 1
            guard line.hasPrefix("```"),
                  tags.contains(line.dropFirst(3).trimmingWhitespace().lowercased()) else {
                continue
            }
            var body: [Substring] = []
            while index < lines.count, !lines[index].trimmingWhitespace().hasPrefix("```") {
                body.append(lines[index])
                index += 1
            }
            return body.joined(separator: "\n")
        }
        return nil
    }
}

extension Substring {
    func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}
