import EmberModels
import Foundation

/// What an ``OperatorRegistry`` factory builds an operator from: the model to call, if the
/// operator calls one, and settings by name.
///
/// Settings are JSON values, as a configuration file or a command line gives them; a
/// factory reads each as the type it needs with ``setting(_:as:)``.
///
/// ```swift
/// let configuration = OperatorConfiguration(caller: caller, settings: ["count": .integer(5)])
/// let count = try configuration.setting("count", as: Int.self) ?? 3
/// ```
public struct OperatorConfiguration: Sendable {
    /// The model, its parameters and the service, for an operator that calls a model.
    public var caller: ModelCaller?
    /// Settings by name.
    public var settings: [String: JSONValue]

    /// Creates a configuration.
    public init(caller: ModelCaller? = nil, settings: [String: JSONValue] = [:]) {
        self.caller = caller
        self.settings = settings
    }

    /// The caller, for an operator that cannot work without a model.
    ///
    /// - Throws: ``OperatorRegistryError`` when ``caller`` is `nil`.
    public func modelCaller() throws(OperatorRegistryError) -> ModelCaller {
        guard let caller else { throw .missingModel() }
        return caller
    }

    /// The setting named `key` read as `type`, or `nil` when there is none.
    ///
    /// A JSON `null` counts as no setting.
    ///
    /// - Throws: ``OperatorRegistryError`` naming the setting and the type when its value
    ///   does not decode as `type`.
    public func setting<Value: Decodable>(_ key: String, as type: Value.Type = Value.self)
        throws(OperatorRegistryError) -> Value?
    {
        guard let value = settings[key], value != .null else { return nil }
        do {
            let data = try JSONEncoder().encode(value)
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw .invalidSetting(key, typeName: String(describing: type),
                                  problem: error.explanation.problem)
        } catch {
            throw .invalidSetting(key, typeName: String(describing: type),
                                  problem: "it could not be decoded (\(error))")
        }
    }
}
