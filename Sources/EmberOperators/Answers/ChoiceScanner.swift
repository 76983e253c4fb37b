import Foundation

/// Reads which option of a multiple-choice question a response chooses, however it marks
/// the choice.
///
/// A response *states* a choice in any of these ways, and the statement written last wins,
/// so "A is tempting, but the answer is C" chooses C:
/// - a label at the very start: `B`, `(B)`, `**B**`, `B.`, `B) Paris`;
/// - after an answer phrase: "Answer: B", "The answer is (C)", "The correct option is B",
///   "Final answer: **D**", "the answer is option 2";
/// - after a verb of choosing: "I choose B", "I'd go with (C)";
/// - before a verdict: "B is correct", "Option C is the best";
/// - in a box: `\boxed{C}`, `$\boxed{\text{C}}$`.
///
/// A statement naming two labels ("the answer is A or B", "either A or B") is a hedge and
/// chooses nothing, and so is a response that lists the options, a label starting each of
/// two or more lines ("A. 3\nB. 4\n…"): its first label is not read as a choice. Without any statement, a response whose text is exactly one option's
/// text (compared as ``TextNormalizer`` normalises) chooses that option; failing that, the
/// labels it marks in passing (`(B)`, `**B**`, `[B]`, written in the labels' own case)
/// choose when they all agree.
///
/// Only the scanner's labels count: with labels `A`–`D`, "the answer is E" states nothing,
/// and records numbered `1`–`4` are read the same way. Labels are matched ignoring case,
/// except that a lone `a` or `I` followed by a word ("the answer is a bit unclear") is read
/// as the article or the pronoun, not as a label.
public struct ChoiceScanner: Sendable {
    /// What a response says about its choice.
    public enum Reading: Sendable, Hashable {
        /// It chooses this label (as the scanner's labels spell it).
        case chosen(String)
        /// Its final statement names several labels, in the order written.
        case hedged([String])
        /// It states no choice but marks several labels in passing, in the order written.
        case unclear([String])
        /// It names no label at all.
        case none

        /// The label chosen, or `nil` for any other reading.
        public var label: String? {
            guard case .chosen(let label) = self else { return nil }
            return label
        }
    }

    /// The labels a scanner accepts when no record says otherwise: `A`–`Z` and `1`–`9`.
    public static let defaultLabels: [String] =
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) }
        + (1...9).map(String.init)

    /// The labels this scanner accepts, as given.
    public let labels: [String]
    private let labelsByKey: [String: String]
    private let labelsByOptionText: [String: String]
    private let patterns: Patterns

    /// Creates a scanner that accepts `labels`, and also recognises an option written out
    /// in full when `optionTexts` (label → text) gives the options' texts.
    ///
    /// Two options whose texts normalise alike are never chosen by their text.
    public init(labels: [String] = ChoiceScanner.defaultLabels,
                optionTexts: [String: String] = [:]) {
        let accepted = labels.filter { !$0.isEmpty }
        self.labels = accepted
        var byKey: [String: String] = [:]
        for label in accepted where byKey[label.lowercased()] == nil {
            byKey[label.lowercased()] = label
        }
        self.labelsByKey = byKey
        let normalizer = TextNormalizer()
        var byText: [String: String] = [:]
        var repeated: Set<String> = []
        for (label, text) in optionTexts where accepted.contains(label) {
            let key = normalizer.normalize(text)
            guard !key.isEmpty else { continue }
            if byText[key] != nil { repeated.insert(key) }
            byText[key] = label
        }
        self.labelsByOptionText = byText.filter { !repeated.contains($0.key) }
        self.patterns = Patterns(labels: accepted)
    }

    /// What `response` says about its choice.
    public func read(_ response: String) -> Reading {
        guard !labels.isEmpty else { return .none }
        let text = response.trimmingCharacters(in: .whitespacesAndNewlines)
        let list = listedLabels(in: text)
        let isList = list.labels.count > 1 && list.startsWithItem
        if let statement = lastStatement(in: text, listsOptions: isList) { return statement }
        if isList { return .unclear(list.labels) }
        if let label = optionChosenByText(text) { return .chosen(label) }
        let mentioned = mentions(in: text)
        switch mentioned.count {
        case 0: return .none
        case 1: return .chosen(mentioned[0])
        default: return .unclear(mentioned)
        }
    }

    /// The label `written` stands for, in the scanner's spelling.
    public func label(for written: String) -> String? {
        labelsByKey[written.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()]
    }

    /// The label of the option whose text is `text`, as normalised, if exactly one has it.
    public func label(forOptionText text: String) -> String? {
        labelsByOptionText[TextNormalizer().normalize(text)]
    }

    private func optionChosenByText(_ text: String) -> String? {
        guard !labelsByOptionText.isEmpty else { return nil }
        var candidates = [text]
        let part = TextNormalizer().answerPart(of: text)
        candidates.append(part)
        if let sentenceEnd = part.range(of: ". ") {
            candidates.append(String(part[..<sentenceEnd.lowerBound]))
        }
        if let line = part.split(separator: "\n").first { candidates.append(String(line)) }
        return candidates.lazy.compactMap { label(forOptionText: $0) }.first
    }
}

// MARK: - Statements

extension ChoiceScanner {
    /// The last statement of a choice in `text`; when `listsOptions`, a label at the very
    /// start is the first line of a list of the options and states nothing.
    private func lastStatement(in text: String, listsOptions: Bool) -> Reading? {
        let whole = NSRange(text.startIndex..., in: text)
        var last: (position: Int, reading: Reading)?
        func consider(_ position: Int, _ reading: Reading) {
            if last.map({ position >= $0.position }) ?? true { last = (position, reading) }
        }
        let statements = listsOptions ? patterns.statements.dropLast() : patterns.statements[...]
        for pattern in statements {
            for match in pattern.matches(in: text, range: whole) {
                let group = match.range(at: 1)
                guard let first = acceptedLabel(at: group, in: text) else { continue }
                let end = match.range.location + match.range.length
                let reading = hedge(after: end, first: first, in: text) ?? .chosen(first)
                consider(match.range.location, reading)
            }
        }
        for match in patterns.eitherOr.matches(in: text, range: whole) {
            guard let first = acceptedLabel(at: match.range(at: 1), in: text),
                  let second = acceptedLabel(at: match.range(at: 2), in: text) else { continue }
            consider(match.range.location, first == second ? .chosen(first)
                                                            : .hedged([first, second]))
        }
        return last?.reading
    }

    /// A hedge when another label follows the statement ending at `end` ("A or B").
    private func hedge(after end: Int, first: String, in text: String) -> Reading? {
        let rest = NSRange(location: end, length: (text as NSString).length - end)
        guard let match = patterns.alternative.firstMatch(in: text, options: [.anchored],
                                                          range: rest),
              let second = acceptedLabel(at: match.range(at: 1), in: text),
              second != first else { return nil }
        return .hedged([first, second])
    }

    /// Words that may follow a lone `A` or `I` that is a label ("A because …").
    private static let connectives: Set<String> = [
        "because", "since", "as", "is", "was", "which", "and", "or", "but", "for", "it",
        "the", "this", "here", "seems", "looks",
    ]

    /// The label written at `range`, unless it is an article or pronoun read as a label.
    private func acceptedLabel(at range: NSRange, in text: String) -> String? {
        guard range.location != NSNotFound, let bounds = Range(range, in: text),
              let label = labelsByKey[text[bounds].lowercased()] else { return nil }
        let written = text[bounds].lowercased()
        guard written == "a" || written == "i" else { return label }
        let before = text[..<bounds.lowerBound].last { !$0.isWhitespace }
        if let before, "(*[{".contains(before) { return label }
        let after = text[bounds.upperBound...]
        guard after.first?.isWhitespace == true else { return label }
        let word = after.drop { $0.isWhitespace }.prefix { $0.isLetter }
        guard let initial = word.first, initial.isLowercase else { return label }
        return Self.connectives.contains(String(word)) ? label : nil
    }

    /// The labels that start a line as an option's marker (`A.`, `B)`, `(C)`, `**D.**`), in
    /// the labels' own case, each once, and whether the text's first line is one of them.
    private func listedLabels(in text: String) -> (labels: [String], startsWithItem: Bool) {
        let whole = NSRange(text.startIndex..., in: text)
        var seen: [String] = []
        var startsWithItem = false
        for match in patterns.listItem.matches(in: text, range: whole) {
            guard let range = Range(match.range(at: 1), in: text) else { continue }
            let written = String(text[range])
            guard labels.contains(written) else { continue }
            if match.range.location == 0 { startsWithItem = true }
            if !seen.contains(written) { seen.append(written) }
        }
        return (seen, startsWithItem)
    }

    /// Labels marked in passing (`(B)`, `**B**`, `[B]`), in the labels' own case, each once.
    private func mentions(in text: String) -> [String] {
        let whole = NSRange(text.startIndex..., in: text)
        var seen: [String] = []
        for match in patterns.mention.matches(in: text, range: whole) {
            for group in 1..<match.numberOfRanges {
                guard let range = Range(match.range(at: group), in: text) else { continue }
                let written = String(text[range])
                if labels.contains(written), !seen.contains(written) { seen.append(written) }
            }
        }
        return seen
    }
}

// MARK: - Patterns

extension ChoiceScanner {
    /// The regular expressions for one set of labels; each statement's group 1 is a label.
    private struct Patterns: Sendable {
        let statements: [NSRegularExpression]
        let eitherOr: NSRegularExpression
        let alternative: NSRegularExpression
        let mention: NSRegularExpression
        let listItem: NSRegularExpression

        init(labels: [String]) {
            let alternatives = labels.sorted { $0.count > $1.count }
                .map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
            let label = "(?<![A-Za-z0-9])(\(alternatives))(?![A-Za-z0-9]|[.,]\\d)"
            let opening = #"(?:\*\*|\*|__)?\s*\$?\s*(?:\\boxed\{\s*)?"#
                + #"(?:\\text(?:bf)?\{\s*)?[(\[]?\s*"#
            let token = opening + label + #"\s*[)\]]?"#
            let kind = #"(?:(?:the\s+)?(?:option|choice|letter)\s+)?"#
            let answerPhrase = #"\b(?:(?:final|correct|right|best|true)\s+)?"#
                + #"(?:answer|option|choice)(?:\s*\(s\))?\s*"#
                + #"(?:is|would\s+be|should\s+be|must\s+be|will\s+be|=|:|-)\s*(?:\*\*)?\s*"#
                + #"(?:therefore|thus|clearly|probably|likely|definitely|indeed)?\s*:?\s*"#
            let choosing = #"\b(?:i\s+(?:would\s+|will\s+)?|i'd\s+|i'll\s+|we\s+)?"#
                + #"(?:choose|pick|select|go\s+with)\s+"#
            let verdict = #"\s+is\s+(?:the\s+)?(?:correct|right|best|true)\b"#
            let boxed = #"\\boxed\s*\{\s*(?:\\text(?:bf)?\{\s*)?[(\[]?\s*"# + label
                + #"\s*[)\]]?\s*[.:]?\s*\}?\s*\}"#
            let start = #"\A\s*(?:\*\*|\*|#+\s*)?"# + kind + #"[(\[]?\s*"# + label
                + #"\s*(?:[)\].:]|\*\*|$|\n|(?=\s+(?:or|and)\b))"#
            let either = #"\beither\s+"# + kind + token + #"\s*(?:,|or|/)\s*"# + kind + token
            let alternative = #"\s*(?:\*\*)?\s*(?:,\s*)?(?:or|and|/|&)\s*"# + kind + token
            let mention = #"(?<![A-Za-z0-9])(?:\(\s*(\#(alternatives))\s*\)"#
                + #"|\*\*\s*\(?(\#(alternatives))\)?[.:]?\s*\*\*|\[\s*(\#(alternatives))\s*\])"#
                + #"(?![A-Za-z0-9])"#

            let listItem = #"(?m)^[ \t]*(?:\*\*|\*|-[ \t]+)?[(\[]?[ \t]*(\#(alternatives))"#
                + #"[ \t]*[)\].:]"#

            func compile(_ pattern: String, ignoringCase: Bool = true) -> NSRegularExpression {
                // The patterns are built from escaped labels, so they always compile.
                try! NSRegularExpression(pattern: pattern,
                                         options: ignoringCase ? [.caseInsensitive] : [])
            }
            self.statements = [
                compile(answerPhrase + kind + token), compile(choosing + kind + token),
                compile(kind + token + verdict), compile(boxed), compile(start),
            ]
            self.eitherOr = compile(either)
            self.alternative = compile(alternative)
            self.mention = compile(mention, ignoringCase: false)
            self.listItem = compile(listItem, ignoringCase: false)
        }
    }
}
