import Foundation

/// The final answer read from a judge's reasoning, and how it was marked.
public struct FinalAnswer: Sendable, Hashable {
    /// How the answer was found in the text.
    public enum Marking: String, Sendable, Hashable {
        /// After a "Final Answer" marker (any case, with `:`, `-` or `is`, bold or not).
        case marked
        /// No marker: the last non-empty line was taken.
        case lastLine
        /// The text was empty: there is no answer.
        case none
    }

    /// The answer, or `nil` when the text had none.
    public var text: String?
    /// How the answer was found.
    public var marking: Marking

    /// Reads the final answer from `response`.
    ///
    /// The last "final answer" marker wins: `Final Answer: 42`, `**Final Answer:** 42`,
    /// `final answer - 42`, `The final answer is 42.` With no marker the last non-empty
    /// line is the answer and ``marking`` says so; an answer after a marker that is empty on
    /// its line is read from the next non-empty line.
    public init(parsing response: String) {
        let lowered = response.lowercased()
        if let range = lowered.range(of: "final answer", options: .backwards) {
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            var tail = Substring(response.dropFirst(offset))
            tail = tail.drop { "*_: \t".contains($0) }
            if tail.lowercased().hasPrefix("is ") { tail = tail.dropFirst(3) }
            tail = tail.drop { "*_:-–— \t".contains($0) }
            let lines = tail.split(whereSeparator: \.isNewline)
                .map { Self.clean($0) }.filter { !$0.isEmpty }
            if let first = lines.first {
                self.init(text: first, marking: .marked)
                return
            }
        }
        let lines = response.split(whereSeparator: \.isNewline).map { Self.clean($0) }
        if let last = lines.last(where: { !$0.isEmpty }) {
            self.init(text: last, marking: .lastLine)
        } else {
            self.init(text: nil, marking: .none)
        }
    }

    /// Creates a final answer.
    public init(text: String?, marking: Marking) {
        self.text = text
        self.marking = marking
    }

    /// A line without surrounding whitespace and emphasis marks.
    private static func clean(_ line: Substring) -> String {
        line.trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: "*_`"))
            .trimmingCharacters(in: .whitespaces)
    }
}
