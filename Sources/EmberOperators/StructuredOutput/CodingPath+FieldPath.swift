extension [any CodingKey] {
    /// The path as a reader writes it: `owner.emails[0]`; empty for the top level.
    var fieldPath: String {
        var path = ""
        for key in self {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return path
    }
}
