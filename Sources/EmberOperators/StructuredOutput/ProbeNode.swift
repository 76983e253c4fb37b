/// What derivation has learned about one value of a probed type; it becomes a ``JSONSchema``.
///
/// A node starts undetermined; the containers its decoder hands out make it an object
/// (with fields) or an array (with an item node), and a read of a single value fixes it.
final class ProbeNode {
    /// One member of an object node.
    final class Field {
        let name: String
        let node = ProbeNode()
        var isRequired: Bool

        init(name: String, isRequired: Bool) {
            self.name = name
            self.isRequired = isRequired
        }
    }

    /// A schema known outright, from a single-value read or a leaf type.
    var fixed: JSONSchema?
    /// Whether `null` was asked about (a `decodeNil` call), so is a possible value.
    var isNullable = false
    private var isObject = false
    private var fields: [Field] = []
    private var item: ProbeNode?

    /// Marks the node an object, keeping the fields of an earlier keyed container.
    func becomeObject() {
        isObject = true
    }

    /// Marks the node an array and returns the node its items share.
    func becomeArray() -> ProbeNode {
        if let item { return item }
        let node = ProbeNode()
        item = node
        return node
    }

    /// The node of the member `name`, added in order of first reading.
    ///
    /// A member read without `decodeIfPresent` anywhere is required.
    func field(named name: String, isRequired: Bool) -> ProbeNode {
        becomeObject()
        if let field = fields.first(where: { $0.name == name }) {
            field.isRequired = field.isRequired || isRequired
            return field.node
        }
        let field = Field(name: name, isRequired: isRequired)
        fields.append(field)
        return field.node
    }

    /// The schema the node stands for.
    var schema: JSONSchema {
        var schema: JSONSchema
        if let fixed {
            schema = fixed
        } else if let item {
            schema = .array(of: item.schema)
        } else if isObject {
            schema = .object(fields.map {
                SchemaField(name: $0.name, schema: $0.node.schema, isRequired: $0.isRequired)
            })
        } else {
            schema = .any
        }
        if isNullable { schema.isNullable = true }
        return schema
    }
}
