/// An error from the model layer: a bad model id, an unknown provider, a provider's refusal
/// or a reply that could not be read.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case invalidModelID
        case unknownProvider
        case httpStatus
        case undecodableResponse
    }

    let code: Code
    /// The model, provider or URL the error concerns.
    public let subject: String
    /// The HTTP status, where a provider answered with an error status.
    public let status: Int?
    /// The provider's own message, or what could not be read.
    public let detail: String
    private let accepted: [String]

    private init(code: Code, subject: String, status: Int? = nil, detail: String = "",
                 accepted: [String] = []) {
        self.code = code
        self.subject = subject
        self.status = status
        self.detail = detail
        self.accepted = accepted
    }

    /// A model id that is not of the form `provider/model`.
    public static func invalidModelID(_ text: String) -> Self {
        Self(code: .invalidModelID, subject: text)
    }

    /// A model id whose provider is not registered.
    public static func unknownProvider(_ provider: String, known: [String]) -> Self {
        Self(code: .unknownProvider, subject: provider, accepted: known.sorted())
    }

    /// A provider that answered with an HTTP error status.
    public static func httpStatus(_ status: Int, url: String, message: String) -> Self {
        Self(code: .httpStatus, subject: url, status: status, detail: message)
    }

    /// A reply that is not in the provider's documented format.
    public static func undecodableResponse(url: String, detail: String) -> Self {
        Self(code: .undecodableResponse, subject: url, detail: detail)
    }

    /// Whether a later identical request may succeed (rate limits, overload, server faults).
    public var isRetryable: Bool {
        guard code == .httpStatus, let status else { return false }
        return status == 408 || status == 409 || status == 429 || status >= 500
    }

    public var description: String {
        switch code {
        case .invalidModelID:
            "'\(subject)' is not a model id; write it as provider/model, "
                + "for example local/smollm2 or openai/gpt-4o-mini."
        case .unknownProvider:
            "No provider named '\(subject)' is configured; known providers: "
                + "\(accepted.joined(separator: ", "))."
        case .httpStatus:
            "\(subject) answered HTTP \(status ?? 0): \(detail.isEmpty ? "no message" : detail)"
        case .undecodableResponse:
            "The reply from \(subject) could not be read: \(detail)."
        }
    }
}
