/// An object's container: each key read becomes a field of the node.
///
/// A key read with `decodeIfPresent` is an optional field; one read with `decode` is
/// required; `decodeNil(forKey:)` makes the field's value nullable.
struct ProbeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: ProbeNode
    let codingPath: [any CodingKey]
    let context: ProbeContext

    /// No keys: a type that lists the keys present (a dictionary) reads none.
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) -> Bool {
        node.field(named: key.stringValue, isRequired: true).isNullable = true
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(type, forKey: key, isRequired: true)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try decodeOptional(type, forKey: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decodeOptional(type, forKey: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type,
                                               forKey key: Key)
        -> KeyedDecodingContainer<NestedKey>
    {
        decoder(forKey: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedDecodingContainer {
        decoder(forKey: key).unkeyedContainer()
    }

    /// The superclass's part, under the key `super` as `JSONDecoder` reads it.
    func superDecoder() -> any Decoder {
        let node = node.field(named: "super", isRequired: true)
        return SchemaProbeDecoder(node: node, codingPath: codingPath + [SuperKey()],
                                  context: context)
    }

    func superDecoder(forKey key: Key) -> any Decoder {
        decoder(forKey: key)
    }

    private func decoder(forKey key: Key) -> SchemaProbeDecoder {
        SchemaProbeDecoder(node: node.field(named: key.stringValue, isRequired: true),
                           codingPath: codingPath + [key], context: context)
    }

    private func decodeValue<T: Decodable>(_ type: T.Type, forKey key: Key,
                                           isRequired: Bool) throws -> T {
        let field = node.field(named: key.stringValue, isRequired: isRequired)
        return try SchemaProbe.probe(type, into: field, codingPath: codingPath + [key],
                                     context: context)
    }

    /// An optional field. One whose type is being probed further out (a tree's `parent`)
    /// is described as any value, and read as absent, so that probing ends.
    private func decodeOptional<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard context.isProbing(type) else {
            return try decodeValue(type, forKey: key, isRequired: false)
        }
        let field = node.field(named: key.stringValue, isRequired: false)
        field.fixed = JSONSchema.any.summarized("A value of the same shape as \(type).")
        return nil
    }
}

/// The key `JSONDecoder` keeps a superclass's part under.
private struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }

    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}
