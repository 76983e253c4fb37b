/// A decoder that has no data: it answers each read with a placeholder and records the read
/// into a ``ProbeNode``, so that decoding a type describes it.
struct SchemaProbeDecoder: Decoder {
    let node: ProbeNode
    let codingPath: [any CodingKey]
    let context: ProbeContext

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        node.becomeObject()
        return KeyedDecodingContainer(ProbeKeyedContainer<Key>(
            node: node, codingPath: codingPath, context: context))
    }

    func unkeyedContainer() -> any UnkeyedDecodingContainer {
        ProbeUnkeyedContainer(item: node.becomeArray(), codingPath: codingPath,
                              context: context)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        ProbeSingleValueContainer(node: node, codingPath: codingPath, context: context)
    }
}

/// A single value's container: a primitive read fixes the node's type.
struct ProbeSingleValueContainer: SingleValueDecodingContainer {
    let node: ProbeNode
    let codingPath: [any CodingKey]
    let context: ProbeContext

    func decodeNil() -> Bool {
        node.isNullable = true
        return false
    }

    func decode(_ type: Bool.Type) -> Bool { record(.boolean, false) }
    func decode(_ type: String.Type) -> String { record(.string(), "") }
    func decode(_ type: Double.Type) -> Double { record(.number, 0) }
    func decode(_ type: Float.Type) -> Float { record(.number, 0) }
    func decode(_ type: Int.Type) -> Int { record(.integer, 0) }
    func decode(_ type: Int8.Type) -> Int8 { record(.integer, 0) }
    func decode(_ type: Int16.Type) -> Int16 { record(.integer, 0) }
    func decode(_ type: Int32.Type) -> Int32 { record(.integer, 0) }
    func decode(_ type: Int64.Type) -> Int64 { record(.integer, 0) }
    func decode(_ type: UInt.Type) -> UInt { record(.integer, 0) }
    func decode(_ type: UInt8.Type) -> UInt8 { record(.integer, 0) }
    func decode(_ type: UInt16.Type) -> UInt16 { record(.integer, 0) }
    func decode(_ type: UInt32.Type) -> UInt32 { record(.integer, 0) }
    func decode(_ type: UInt64.Type) -> UInt64 { record(.integer, 0) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try SchemaProbe.probe(type, into: node, codingPath: codingPath, context: context)
    }

    private func record<Value>(_ schema: JSONSchema, _ placeholder: Value) -> Value {
        node.fixed = schema
        return placeholder
    }
}
