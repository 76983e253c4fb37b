/// An array's container: it holds one item, whose reads describe every item.
///
/// It is at its end after one item. Reads past it (a type that decodes a fixed tuple of
/// values) get placeholders but leave the schema alone.
struct ProbeUnkeyedContainer: UnkeyedDecodingContainer {
    let item: ProbeNode
    let codingPath: [any CodingKey]
    let context: ProbeContext
    private(set) var currentIndex = 0

    init(item: ProbeNode, codingPath: [any CodingKey], context: ProbeContext) {
        self.item = item
        self.codingPath = codingPath
        self.context = context
    }

    var count: Int? { nil }
    var isAtEnd: Bool { currentIndex > 0 }

    /// The node the next read describes, and its path; the index moves past it.
    private mutating func next() -> (node: ProbeNode, path: [any CodingKey]) {
        defer { currentIndex += 1 }
        let node = currentIndex == 0 ? item : ProbeNode()
        return (node, codingPath + [ProbeIndexKey(currentIndex)])
    }

    mutating func decodeNil() -> Bool {
        if currentIndex == 0 { item.isNullable = true }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type) }
    mutating func decode(_ type: String.Type) throws -> String { try decodeValue(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decodeValue(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeValue(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decodeValue(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeValue(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeValue(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeValue(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeValue(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeValue(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeValue(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeValue(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeValue(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeValue(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeValue(type)
    }

    private mutating func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        let (node, path) = next()
        return try SchemaProbe.probe(type, into: node, codingPath: path, context: context)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type)
        -> KeyedDecodingContainer<NestedKey>
    {
        let (node, path) = next()
        return SchemaProbeDecoder(node: node, codingPath: path, context: context)
            .container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedDecodingContainer {
        let (node, path) = next()
        return SchemaProbeDecoder(node: node, codingPath: path, context: context)
            .unkeyedContainer()
    }

    mutating func superDecoder() -> any Decoder {
        let (node, path) = next()
        return SchemaProbeDecoder(node: node, codingPath: path, context: context)
    }
}
