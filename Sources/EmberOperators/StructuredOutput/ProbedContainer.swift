/// A standard container whose shape derivation reads from its element type without decoding
/// it, so that a type holding itself through it (a tree's children) ends.
protocol ProbedContainer {
    /// Records the container's shape into `node` and returns an empty placeholder.
    static func probeShape(into node: ProbeNode, codingPath: [any CodingKey],
                           context: ProbeContext) throws -> Self
}

extension ProbedContainer {
    /// The schema of an element type: probed, or any value when it is being probed further
    /// out (the container holds its own outer type).
    static func probeElement<Element: Decodable>(
        _ type: Element.Type, into node: ProbeNode, codingPath: [any CodingKey],
        context: ProbeContext
    ) throws -> Element? {
        guard !context.isProbing(type) else {
            node.fixed = JSONSchema.any.summarized("A value of the same shape as \(type).")
            return nil
        }
        return try SchemaProbe.probe(type, into: node, codingPath: codingPath, context: context)
    }
}

extension Array: ProbedContainer where Element: Decodable {
    static func probeShape(into node: ProbeNode, codingPath: [any CodingKey],
                           context: ProbeContext) throws -> Self {
        _ = try probeElement(Element.self, into: node.becomeArray(),
                             codingPath: codingPath + [ProbeIndexKey(0)], context: context)
        return []
    }
}

extension Optional: ProbedContainer where Wrapped: Decodable {
    static func probeShape(into node: ProbeNode, codingPath: [any CodingKey],
                           context: ProbeContext) throws -> Self {
        node.isNullable = true
        return try probeElement(Wrapped.self, into: node, codingPath: codingPath,
                                context: context)
    }
}

extension Dictionary: ProbedContainer where Key == String, Value: Decodable {
    static func probeShape(into node: ProbeNode, codingPath: [any CodingKey],
                           context: ProbeContext) throws -> Self {
        let values = ProbeNode()
        _ = try probeElement(Value.self, into: values, codingPath: codingPath,
                             context: context)
        node.fixed = .dictionary(of: values.schema)
        return [:]
    }
}
