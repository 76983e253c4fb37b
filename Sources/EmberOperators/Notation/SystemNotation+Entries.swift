import Foundation

extension SystemNotation {
    // MARK: Nodes

    func parseNode(_ entry: Entry, position: Int) throws(NotationError) -> NodeSpecification {
        let characters = Array(entry.text)
        var node = NodeSpecification(count: 1, code: "", id: "", hasAlias: false, model: nil,
                                     parameters: [:], text: entry.text, offset: entry.offset,
                                     source: entry.source, component: entry.component)
        if Self.isLegacy(characters) {
            try parseLegacy(characters, into: &node)
        } else {
            try parseModern(characters, into: &node)
        }
        if !node.hasAlias { node.id = node.code.lowercased() + String(position) }
        try check(node)
        return node
    }

    /// `3:E:model[:temperature]`: digits, a colon, upper-case letters, a colon.
    private static func isLegacy(_ characters: [Character]) -> Bool {
        var index = 0
        while index < characters.count, characters[index].isASCIIDigit { index += 1 }
        guard index > 0, index < characters.count, characters[index] == ":" else { return false }
        index += 1
        let codeStart = index
        while index < characters.count, characters[index].isASCIIUppercase { index += 1 }
        return index > codeStart && (index == characters.count || characters[index] == ":")
    }

    private func parseLegacy(_ characters: [Character],
                             into node: inout NodeSpecification) throws(NotationError) {
        let parts = String(characters).split(separator: ":", omittingEmptySubsequences: false)
            .map(String.init)
        guard let count = Int(parts[0]), (1...Self.maximumCount).contains(count) else {
            throw node.error("a count of \(parts[0])",
                             hint: "a count is a whole number from 1 to \(Self.maximumCount)")
        }
        node.count = count
        node.code = parts[1]
        var rest = Array(parts.dropFirst(2))
        if rest.count >= 2, let last = rest.last, let temperature = Double(last) {
            node.parameters["temperature"] = .number(temperature)
            rest.removeLast()
        }
        let model = rest.joined(separator: ":")
        if !model.isEmpty { node.model = Self.normalizedModel(model) }
        if rest.count == 1, model.isEmpty {
            throw node.error("an empty model in \"\(node.text)\"",
                             at: parts[0].count + parts[1].count + 2)
        }
    }

    private func parseModern(_ characters: [Character],
                             into node: inout NodeSpecification) throws(NotationError) {
        var index = 0
        func skipSpaces() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }
        let countStart = index
        while index < characters.count, characters[index].isASCIIDigit { index += 1 }
        if index > countStart {
            let digits = String(characters[countStart..<index])
            guard let count = Int(digits), (1...Self.maximumCount).contains(count) else {
                throw node.error("a count of \(digits)", at: countStart,
                                 hint: "a count is a whole number from 1 to \(Self.maximumCount)")
            }
            node.count = count
        }
        skipSpaces()
        let codeStart = index
        while index < characters.count, characters[index].isASCIIUppercase { index += 1 }
        guard index > codeStart else {
            let found = index < characters.count ? "\"\(characters[index])\"" : "the end"
            throw node.error("expected a node code (such as E) but found \(found)",
                             at: codeStart, hint: "known codes are \(codes.codeList)")
        }
        node.code = String(characters[codeStart..<index])
        guard codes.definition(for: node.code) != nil else {
            throw node.error("unknown node code \"\(node.code)\"", at: codeStart,
                             hint: "known codes are \(codes.codeList)")
        }
        skipSpaces()
        if index < characters.count, characters[index] == "!" {
            index += 1
            let aliasStart = index
            while index < characters.count, Self.isIdentifier(characters[index]) { index += 1 }
            guard index > aliasStart else {
                throw node.error("an empty alias after \"!\"", at: aliasStart - 1,
                                 hint: "an alias is letters, digits, '_' and '-'")
            }
            node.id = String(characters[aliasStart..<index])
            node.hasAlias = true
            skipSpaces()
        }
        if index < characters.count, characters[index] == "@" {
            index += 1
            let modelStart = index
            while index < characters.count, characters[index] != "(",
                  !characters[index].isWhitespace { index += 1 }
            let model = String(characters[modelStart..<index])
            guard !model.isEmpty else {
                throw node.error("an empty model after \"@\"", at: modelStart - 1,
                                 hint: "write provider/model, such as @local/smollm2")
            }
            node.model = Self.normalizedModel(model)
            skipSpaces()
        }
        if index < characters.count, characters[index] == "(" {
            guard characters.last == ")" else {
                let close = characters[index...].firstIndex(of: ")") ?? index
                throw node.error(
                    "unexpected \"\(String(characters[(close + 1)...]))\" after the parameters",
                    at: close + 1,
                    hint: "a node is [count] CODE [!alias] [@model] [(key=value, …)], "
                        + "parameters last")
            }
            let inner = Array(characters[(index + 1)..<(characters.count - 1)])
            node.parameters.merge(try parseParameters(inner, at: index + 1, of: node)) { $1 }
            index = characters.count
        }
        if index < characters.count {
            throw node.error("unexpected \"\(String(characters[index...]))\"", at: index,
                             hint: "a node is [count] CODE [!alias] [@model] [(key=value, …)]")
        }
    }

    private func parseParameters(_ characters: [Character], at start: Int,
                                 of node: NodeSpecification)
        throws(NotationError) -> [String: NotationValue]
    {
        var parameters: [String: NotationValue] = [:]
        // Offsets in the node's text: errors from splitting are placed in the source.
        let pairs: [Entry]
        do {
            pairs = try Self.split(String(characters), source: node.source, base: start)
        } catch {
            throw node.error(error.problem, at: error.offset, hint: error.hint)
        }
        for pair in pairs {
            let offset = pair.offset
            guard let equals = pair.text.firstIndex(of: "=") else {
                throw node.error("a parameter \"\(pair.text)\" without \"=\"", at: offset,
                                 hint: "parameters are written key=value")
            }
            let key = pair.text[..<equals].trimmingCharacters(in: .whitespaces)
            let rawValue = pair.text[pair.text.index(after: equals)...]
                .trimmingCharacters(in: .whitespaces)
            let valueOffset = offset + pair.text.distance(from: pair.text.startIndex,
                                                          to: equals) + 1
            guard !key.isEmpty, key.allSatisfy(Self.isIdentifier) else {
                throw node.error("a parameter name \"\(key)\"", at: offset,
                                 hint: "names are letters, digits and '_'")
            }
            guard let definition = codes.definition(for: node.code),
                  let parameter = definition.parameter(named: key) else {
                let accepted = codes.definition(for: node.code)?.parameterList ?? "none"
                throw node.error("unknown parameter \"\(key)\" for code \(node.code)",
                                 at: offset, hint: "\(node.code) accepts \(accepted)")
            }
            if parameters[parameter.name] != nil {
                throw node.error("the parameter \(parameter.name) given twice", at: offset)
            }
            let value = try Self.value(rawValue, at: valueOffset, of: node)
            if let problem = parameter.kind.problem(with: value) {
                throw node.error("the value \(rawValue) for \(parameter.name)", at: valueOffset,
                                 hint: problem)
            }
            parameters[parameter.name] = value
        }
        return parameters
    }

    private static func value(_ text: String, at offset: Int,
                              of node: NodeSpecification) throws(NotationError) -> NotationValue {
        guard !text.isEmpty else {
            throw node.error("an empty parameter value", at: offset)
        }
        if let first = text.first, first == "\"" || first == "'" {
            guard text.count >= 2, text.last == first else {
                throw node.error("an unclosed quoted string \(text)", at: offset)
            }
            var unescaped = ""
            var isEscaped = false
            for character in text.dropFirst().dropLast() {
                if isEscaped || character != "\\" {
                    unescaped.append(character)
                    isEscaped = false
                } else {
                    isEscaped = true
                }
            }
            return .string(unescaped)
        }
        if text == "true" || text == "false" { return .bool(text == "true") }
        if let number = Double(text) { return .number(number) }
        if text.first == "[" || text.first == "{" {
            guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil else {
                throw node.error("the value \(text) is not valid JSON", at: offset)
            }
            return .json(text)
        }
        return .string(text)
    }

    private func check(_ node: NodeSpecification) throws(NotationError) {
        guard let definition = codes.definition(for: node.code) else {
            throw node.error("unknown node code \"\(node.code)\"",
                             hint: "known codes are \(codes.codeList)")
        }
        guard (1...Self.maximumCount).contains(node.count) else {
            throw node.error("a count of \(node.count)",
                             hint: "a count is a whole number from 1 to \(Self.maximumCount)")
        }
        for (key, value) in node.parameters {
            if let problem = definition.parameter(named: key)?.kind.problem(with: value) {
                throw node.error("the value \(value.text) for \(key)", hint: problem)
            }
        }
        if !definition.acceptsCount, node.count != 1 {
            throw node.error("a count of \(node.count) for code \(node.code)",
                             hint: "\(definition.name) takes no count")
        }
        if !definition.needsModel, let model = node.model {
            throw node.error("a model \"\(model)\" for code \(node.code)",
                             hint: "\(definition.name) calls no model")
        }
    }

    /// `provider:model` → `provider/model`; anything with a `/` is left as it is.
    static func normalizedModel(_ text: String) -> String {
        guard !text.contains("/"), let colon = text.firstIndex(of: ":") else { return text }
        return text[..<colon] + "/" + text[text.index(after: colon)...]
    }

    static func isIdentifier(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
            || character == "_" || character == "-"
    }

    // MARK: Flows

    func parseFlow(_ entry: Entry, nodeIDs: [String]) throws(NotationError) -> [FlowSpecification] {
        var groups: [[String]] = []
        var searchStart = entry.text.startIndex
        var segments: [(text: Substring, offset: Int)] = []
        while let arrow = entry.text.range(of: "->", range: searchStart..<entry.text.endIndex) {
            segments.append((entry.text[searchStart..<arrow.lowerBound],
                             entry.text.distance(from: entry.text.startIndex, to: searchStart)))
            searchStart = arrow.upperBound
        }
        segments.append((entry.text[searchStart...],
                         entry.text.distance(from: entry.text.startIndex, to: searchStart)))
        for segment in segments {
            let leading = segment.text.prefix { $0.isWhitespace }.count
            let trimmed = segment.text.trimmingCharacters(in: .whitespaces)
            let offset = entry.offset + segment.offset + leading
            func fail(_ problem: String, hint: String? = nil) -> NotationError {
                NotationError(problem, offset: offset, in: entry.source, hint: hint,
                              component: entry.component)
            }
            guard !trimmed.isEmpty else { throw fail("a flow with an empty end") }
            var ids = [trimmed]
            if trimmed.hasPrefix("{") {
                guard trimmed.hasSuffix("}") else { throw fail("a \"{\" that is never closed") }
                ids = trimmed.dropFirst().dropLast()
                    .split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard !ids.isEmpty, !ids.contains("") else {
                    throw fail("an empty name in \"\(trimmed)\"")
                }
            }
            for id in ids where !nodeIDs.contains(id) {
                throw fail("flow endpoint \"\(id)\" is not a node",
                           hint: "the nodes are \(nodeIDs.joined(separator: ", "))")
            }
            groups.append(ids)
        }
        return zip(groups, groups.dropFirst()).flatMap { sources, targets in
            sources.flatMap { from in targets.map { FlowSpecification(from: from, to: $0) } }
        }
    }
}

extension Character {
    var isASCIIUppercase: Bool { isASCII && isUppercase }
}
