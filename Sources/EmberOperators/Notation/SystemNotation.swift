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

    /// The largest count a node may have: a typo such as `100000E` must not start that
    /// many paid calls.
    public static let maximumCount = 1_000

    /// Parses a description given as one string.
    public func parse(_ description: String) throws(NotationError) -> SystemSpecification {
        try parse(entries: Self.split(description, source: description))
    }

    /// Parses a description given as an array of entries.
    public func parse(_ entries: [String]) throws(NotationError) -> SystemSpecification {
        var pieces: [Entry] = []
        for entry in entries {
            pieces += try Self.split(entry, source: entry)
        }
        return try parse(entries: pieces)
    }

    /// A piece of a description: text, where it starts, and the description it is in.
    struct Entry: Sendable {
        var text: String
        var offset: Int
        var source: String
        var component: String?
    }

    private func parse(entries: [Entry]) throws(NotationError) -> SystemSpecification {
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
            for flow in try parseFlow(entry, nodeIDs: nodes.map(\.id)) {
                if let target = seen[flow.to], codes.definition(for: target.code)?.readsUpstream
                    == false {
                    throw NotationError(
                        "a flow into \(flow.to), whose code \(target.code) reads only the query",
                        offset: entry.offset, in: entry.source,
                        hint: "flows go into J, V, M and S nodes", component: entry.component)
                }
                // A flow written twice is one flow: its source votes once.
                if !flows.contains(flow) { flows.append(flow) }
            }
        }
        if flowEntries.isEmpty { flows = impliedFlows(nodes) }
        for node in nodes where codes.definition(for: node.code)?.readsUpstream == true
            && !flows.contains(where: { $0.to == node.id }) {
            throw node.error(
                "nothing flows into node \(node.id), which reads the candidates before it",
                hint: "put an ensemble such as 3E@provider/model before it, or add a flow")
        }
        return SystemSpecification(nodes: nodes, flows: flows,
                                   hasExplicitFlows: !flowEntries.isEmpty)
    }

    /// The flows of a chain: a node that reads candidates reads the ensembles written
    /// since the previous such node (`3E, 2E, 1J`: the judge reads both), or that node
    /// itself (`3E, 1V, 1J`: the judge reads the verifier).
    private func impliedFlows(_ nodes: [NodeSpecification]) -> [FlowSpecification] {
        var flows: [FlowSpecification] = []
        var sources: [String] = []
        var lastReadsUpstream = false
        for node in nodes {
            let readsUpstream = codes.definition(for: node.code)?.readsUpstream == true
            if readsUpstream {
                flows += sources.map { FlowSpecification(from: $0, to: node.id) }
                sources = [node.id]
            } else {
                if lastReadsUpstream { sources = [] }
                sources.append(node.id)
            }
            lastReadsUpstream = readsUpstream
        }
        return flows
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
            var pieces: [Entry] = []
            for text in component {
                do {
                    pieces += try Self.split(text, source: text).map { piece in
                        var piece = piece
                        piece.component = name
                        return piece
                    }
                } catch {
                    throw error.inComponent(name)
                }
            }
            result += try expand(pieces, expanding: expanding + [name])
        }
        return result
    }

    // MARK: Splitting

    /// Splits on `,`, `;` and newlines outside brackets and quotes; trims each piece.
    ///
    /// Offsets, of the pieces and in errors, count from the start of `source`, in which
    /// `text` begins at `base`.
    ///
    /// - Throws: ``NotationError`` for a bracket or quote that is never closed, or a
    ///   closing bracket with no opening one.
    static func split(_ text: String, source: String,
                      base: Int = 0) throws(NotationError) -> [Entry] {
        let characters = Array(text)
        var entries: [Entry] = []
        var openers: [(character: Character, offset: Int)] = []
        var quote: (character: Character, offset: Int)?
        var start = 0
        func close(at end: Int) {
            var low = start
            var high = end
            while low < high, characters[low].isWhitespace { low += 1 }
            while high > low, characters[high - 1].isWhitespace { high -= 1 }
            if low < high {
                entries.append(Entry(text: String(characters[low..<high]), offset: base + low,
                                     source: source))
            }
            start = end + 1
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == "\\" {
                    index += 1
                } else if character == open.character {
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = (character, index)
            } else if "([{".contains(character) {
                openers.append((character, index))
            } else if ")]}".contains(character) {
                let expected: Character = character == ")" ? "(" : character == "]" ? "[" : "{"
                guard openers.last?.character == expected else {
                    throw NotationError("a \"\(character)\" that closes nothing",
                                        offset: base + index, in: source)
                }
                openers.removeLast()
            } else if openers.isEmpty,
                      character == "," || character == ";" || character.isNewline {
                close(at: index)
            }
            index += 1
        }
        if let open = quote {
            throw NotationError("a \(open.character) that is never closed",
                                offset: base + open.offset, in: source,
                                hint: "close the quoted value")
        }
        if let open = openers.last {
            throw NotationError("a \"\(open.character)\" that is never closed",
                                offset: base + open.offset, in: source)
        }
        close(at: characters.count)
        return entries
    }
}
