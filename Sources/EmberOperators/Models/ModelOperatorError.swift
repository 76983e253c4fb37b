import EmberModels

/// Why a ``ModelOperator`` returned no output although its calls succeeded.
///
/// It carries the last reply as it came (``rawText``), how many calls were made
/// (``attempts``) and their records (``calls``), so that a report can still count their
/// tokens and cost. Its ``description`` does not quote the reply, which may be long or
/// private.
public struct ModelOperatorError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unreadableReply(StructuredOutputError)
    }

    private let code: Code
    /// The model that was called.
    public let model: ModelID
    /// How many times the model was called: the first call and each repair.
    public let attempts: Int
    /// A record of each call, in order.
    public let calls: [ModelCallRecord]

    private init(_ code: Code, model: ModelID, attempts: Int, calls: [ModelCallRecord]) {
        self.code = code
        self.model = model
        self.attempts = attempts
        self.calls = calls
    }

    /// No reply, the last of `attempts`, read as the output; `error` says why the last did not.
    static func unreadableReply(_ error: StructuredOutputError, model: ModelID, attempts: Int,
                                calls: [ModelCallRecord]) -> Self {
        Self(.unreadableReply(error), model: model, attempts: attempts, calls: calls)
    }

    /// The last reply, unchanged.
    public var rawText: String {
        switch code {
        case .unreadableReply(let error): error.rawText
        }
    }

    /// Why the last reply could not be read as the output, when that is the failure.
    public var outputError: StructuredOutputError? {
        switch code {
        case .unreadableReply(let error): error
        }
    }

    /// A sentence saying what went wrong and what to try.
    public var description: String {
        switch code {
        case .unreadableReply(let error):
            let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
            let reply = attempts == 1 ? "the reply" : "the last"
            let hint = attempts == 1
                ? "Allow a repair with repairAttempts"
                : "Allow more repairs with repairAttempts"
            return "No reply of the model \(model) read as '\(error.typeName)' in \(tries): "
                + "\(reply) (\(error.rawText.count) characters) could not be used because "
                + "\(error.detail). \(hint), describe the shape more plainly in the "
                + "template, or use a model that follows the response format."
        }
    }
}
