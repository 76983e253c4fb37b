import Foundation

/// Finds a `Decodable` type's shape by decoding it from placeholder values.
///
/// The type's `init(from:)` runs against a ``SchemaProbeDecoder``, which answers every read
/// with a placeholder (`""`, `0`, `false`) and records which keys were read with which
/// types, and which were read with `decodeIfPresent`. A few types are described without
/// decoding, because their JSON form is not what their `init(from:)` asks for or because a
/// placeholder would not do: ``SchemaDescribable`` types, `Date`, `URL`, `UUID`, `Decimal`,
/// `Data`, `String` enumerations that are `CaseIterable`, and the standard containers.
enum SchemaProbe {
    /// Probes `type` and returns its schema.
    static func schema<T: Decodable>(of type: T.Type) throws -> JSONSchema {
        let node = ProbeNode()
        _ = try probe(type, into: node, codingPath: [], context: ProbeContext())
        return node.schema
    }

    /// Records the shape of `type` into `node` and returns a placeholder of it.
    static func probe<T: Decodable>(_ type: T.Type, into node: ProbeNode,
                                    codingPath: [any CodingKey],
                                    context: ProbeContext) throws -> T {
        if let leaf = try leaf(type, codingPath: codingPath) {
            node.fixed = leaf.schema
            return leaf.placeholder
        }
        if let container = type as? any ProbedContainer.Type {
            let value = try container.probeShape(into: node, codingPath: codingPath,
                                                 context: context)
            return value as! T  // The conformance is T's own, so its value is a T.
        }
        guard !context.isProbing(type) else {
            throw JSONSchemaError.directRecursion(typeName: "\(type)",
                                                  fieldPath: codingPath.fieldPath)
        }
        context.enter(type)
        defer { context.leave() }
        let decoder = SchemaProbeDecoder(node: node, codingPath: codingPath, context: context)
        do {
            return try T(from: decoder)
        } catch let error as JSONSchemaError {
            throw error
        } catch {
            throw JSONSchemaError.rejectedPlaceholder(
                typeName: "\(type)", fieldPath: codingPath.fieldPath, underlying: error)
        }
    }

    /// The schema and a placeholder of a type described without decoding it.
    private static func leaf<T: Decodable>(_ type: T.Type, codingPath: [any CodingKey])
        throws -> (schema: JSONSchema, placeholder: T)?
    {
        if let describable = type as? any SchemaDescribable.Type {
            return (describable.jsonSchema, describable.schemaPlaceholder as! T)
        }
        if let enumeration = type as? any (CaseIterable & RawRepresentable<String>).Type {
            let (values, first) = cases(of: enumeration)
            guard let first else {
                throw JSONSchemaError.emptyEnumeration(typeName: "\(type)",
                                                       fieldPath: codingPath.fieldPath)
            }
            return (.enumeration(values), first as! T)
        }
        let foundationLeaf: (JSONSchema, Any)? = switch type {
        case is Date.Type: (.string(format: "date-time"), Date(timeIntervalSince1970: 0))
        case is UUID.Type: (.string(format: "uuid"), UUID())
        case is URL.Type: (.string().summarized("A URL."), URL(fileURLWithPath: "/"))
        case is Decimal.Type: (.number, Decimal())
        case is Data.Type: (.string().summarized("Base64-encoded bytes."), Data())
        default: nil
        }
        return foundationLeaf.map { ($0.0, $0.1 as! T) }
    }

    private static func cases<E: CaseIterable & RawRepresentable<String>>(of type: E.Type)
        -> (values: [String], first: E?)
    {
        (type.allCases.map(\.rawValue), type.allCases.first)
    }
}

/// The types being probed, outermost first, to stop at a type that contains itself.
final class ProbeContext {
    private var types: [ObjectIdentifier] = []

    /// Whether `type` is being probed further out.
    func isProbing(_ type: any Any.Type) -> Bool {
        types.contains(ObjectIdentifier(type))
    }

    func enter(_ type: any Any.Type) {
        types.append(ObjectIdentifier(type))
    }

    func leave() {
        types.removeLast()
    }
}

/// A key for an item of an array, in coding paths.
struct ProbeIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
