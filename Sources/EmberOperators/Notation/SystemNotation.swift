import Foundation

/// Reads the compact notation for compound systems.
///
/// A system is a list of entries, given as an array or as one string split on `,`, `;` or
/// newlines outside brackets and quotes. An entry is a node, a `$name` component, or a
/// flow:
///
/// - node: `[count] CODE [!alias] [@model] [(key=value, …)]`, such as
///   `5E@local/smollm2(temp=0.7)`, or the legacy `count:CODE:model:temperature`
///   (`3:E:gpt-4o:0.7`). `provider:model` is accepted and read as `provider/model`.
/// - component: `$name`, replaced by the entries of the component of that name.
/// - flow: `a -> b`, `{e1, e2} -> j`, `a -> b -> c`; with no flow the nodes form a chain.
///
/// Errors name the offending text and its character offset.
public struct SystemNotation: Sendable {
    /// The node codes that may be used, with their parameters.
    public var codes: NodeCodeRegistry
    /// Named components `$name` may refer to, each a description of its own.
    public var components: [String: [String]]

    /// Creates a reader for `codes`, with `components` available to `$name`.
    public init(codes: NodeCodeRegistry = .standard, components: [String: [String]] = [:]) {
        self.codes = codes
        self.components = components
    }

    /// Parses a description given as one string.
    public func parse(_ description: String) throws(NotationError) -> SystemSpecification {
        try parse(entries: Self.split(description, source: description), sourceIsArray: false)
    }

    /// Parses a description given as an array of entries.
    public func parse(_ entries: [String]) throws(NotationError) -> SystemSpecification {
        let pieces = entries.flatMap { entry in
            Self.split(entry, source: entry)
        }
        return try parse(entries: pieces, sourceIsArray: true)
    }

    /// A piece of a description: text, where it starts, and the description it is in.
    struct Entry: Sendable {
        var text: String
        var offset: Int
        var source: String
        var component: String?
    }

    private func parse(entries: [Entry], sourceIsArray: Bool)
        throws(NotationError) -> SystemSpecification
    {
        let expanded = try expand(entries, expanding: [])
        var nodes: [NodeSpecification] = []
        var flowEntries: [Entry] = []
        for entry in expanded {
            if entry.text.contains("->") {
                flowEntries.append(entry)
            } else {
                nodes.append(try parseNode(entry, position: nodes.count + 1))
            }
        }
        guard !nodes.isEmpty else {
            let source = entries.first?.source ?? ""
            throw NotationError("a system with no nodes", offset: 0, in: source,
                                hint: "write at least one node, such as 1E@local/smollm2")
        }
        var seen: [String: NodeSpecification] = [:]
        for node in nodes {
            if seen[node.id] != nil {
                throw node.error("duplicate node id \"\(node.id)\"",
                                 hint: "give one of the nodes another !alias")
            }
            seen[node.id] = node
        }
        var flows: [FlowSpecification] = []
        for entry in flowEntries {
            flows += try parseFlow(entry, nodeIDs: nodes.map(\.id))
        }
        if flowEntries.isEmpty {
            flows = zip(nodes, nodes.dropFirst()).map { FlowSpecification(from: $0.id, to: $1.id) }
        }
        return SystemSpecification(nodes: nodes, flows: flows,
                                   hasExplicitFlows: !flowEntries.isEmpty)
    }

    // MARK: Components

    private func expand(_ entries: [Entry], expanding: [String]) throws(NotationError) -> [Entry] {
        var result: [Entry] = []
        for entry in entries {
            guard entry.text.hasPrefix("$") else {
                result.append(entry)
                continue
            }
            let name = String(entry.text.dropFirst())
            guard let component = components[name] else {
                let known = components.keys.sorted().map { "$\($0)" }
                throw NotationError(
                    "unknown component \"\(entry.text)\"", offset: entry.offset,
                    in: entry.source,
                    hint: known.isEmpty ? "no components were given"
                        : "known components are \(known.joined(separator: ", "))",
                    component: entry.component)
            }
            guard !expanding.contains(name) else {
                let path = (expanding + [name]).map { "$\($0)" }.joined(separator: " -> ")
                throw NotationError("component cycle \(path)", offset: entry.offset,
                                    in: entry.source, component: entry.component)
            }
            let pieces = component.flatMap { text in
                Self.split(text, source: text).map { piece in
                    var piece = piece
                    piece.component = name
                    return piece
                }
            }
            result += try expand(pieces, expanding: expanding + [name])
        }
        return result
    }

    // MARK: Splitting

    /// Splits on `,`, `;` and newlines outside brackets and quotes; trims each piece.
    static func split(_ text: String, source: String) -> [Entry] {
        let characters = Array(text)
        var entries: [Entry] = []
        var depth = 0
        var quote: Character?
        var start = 0
        func close(at end: Int) {
            var low = start
            var high = end
            while low < high, characters[low].isWhitespace { low += 1 }
            while high > low, characters[high - 1].isWhitespace { high -= 1 }
            if low < high {
                entries.append(Entry(text: String(characters[low..<high]), offset: low,
                                     source: source))
            }
            start = end + 1
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == "\\" { index += 1 } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if "([{".contains(character) {
                depth += 1
            } else if ")]}".contains(character) {
                depth = max(0, depth - 1)
            } else if depth == 0, character == "," || character == ";" || character.isNewline {
                close(at: index)
            }
            index += 1
        }
        close(at: characters.count)
        return entries
    }
}
