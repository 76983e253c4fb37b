import Foundation

/// An error from the model layer: a bad model id, an unknown provider, a provider's refusal,
/// a stream cut short or a reply that could not be read.
///
/// Match on ``kind``; read ``status``, ``providerType``, ``requestID`` and ``partialText``
/// for the details a provider gave. No credential ever appears in an error.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New kinds may be added.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A model id that is not `provider/model`.
        public static let invalidModelID = Kind(rawValue: "invalid model id")
        /// A bare model name that is no known alias.
        public static let unknownModel = Kind(rawValue: "unknown model")
        /// A provider name that is not configured.
        public static let unknownProvider = Kind(rawValue: "unknown provider")
        /// The credential was missing, wrong or not allowed (HTTP 401, 403).
        public static let authentication = Kind(rawValue: "authentication")
        /// Too many requests or tokens (HTTP 429).
        public static let rateLimited = Kind(rawValue: "rate limited")
        /// The provider is overloaded (HTTP 529, or an `overloaded_error`).
        public static let overloaded = Kind(rawValue: "overloaded")
        /// The request was refused as malformed (HTTP 400, 404, 422).
        public static let invalidRequest = Kind(rawValue: "invalid request")
        /// The prompt and the requested output do not fit the model's context window.
        public static let contextLengthExceeded = Kind(rawValue: "context length exceeded")
        /// The provider failed (HTTP 5xx).
        public static let serverError = Kind(rawValue: "server error")
        /// A timeout ended the call (total, or idle between bytes of a stream).
        public static let timeout = Kind(rawValue: "timeout")
        /// The stream ended before the model finished.
        public static let truncatedStream = Kind(rawValue: "truncated stream")
        /// The reply is not in the provider's documented format.
        public static let undecodableResponse = Kind(rawValue: "undecodable response")
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// The model, provider or URL the error concerns.
    public let subject: String
    /// The HTTP status, where the provider answered with one.
    public let status: Int?
    /// The provider's own error type or code (`rate_limit_exceeded`, `overloaded_error`).
    public let providerType: String?
    /// The provider's own message, or what could not be read.
    public let detail: String
    /// The provider's request id, for its support.
    public let requestID: String?
    /// How long the provider asked to wait before retrying, where it said.
    public let retryAfter: Duration?
    /// The text a stream had delivered before it failed.
    public let partialText: String?
    private let accepted: [String]

    init(kind: Kind, subject: String, status: Int? = nil, providerType: String? = nil,
         detail: String = "", requestID: String? = nil, retryAfter: Duration? = nil,
         partialText: String? = nil, accepted: [String] = []) {
        self.kind = kind
        self.subject = subject
        self.status = status
        self.providerType = providerType
        self.detail = detail
        self.requestID = requestID
        self.retryAfter = retryAfter
        self.partialText = partialText
        self.accepted = accepted
    }

    /// A model id that is not of the form `provider/model`.
    public static func invalidModelID(_ text: String) -> Self {
        Self(kind: .invalidModelID, subject: text)
    }

    /// A bare model name that is no known alias; `suggestions` are close known names.
    public static func unknownModel(_ text: String, suggestions: [String]) -> Self {
        Self(kind: .unknownModel, subject: text, accepted: suggestions)
    }

    /// A model id whose provider is not registered.
    public static func unknownProvider(_ provider: String, known: [String]) -> Self {
        Self(kind: .unknownProvider, subject: provider, accepted: known.sorted())
    }

    /// A provider that answered with an HTTP error status; the kind follows from the status
    /// and the provider's error type.
    public static func httpStatus(_ status: Int, url: String, message: String,
                                  providerType: String? = nil, requestID: String? = nil,
                                  retryAfter: Duration? = nil) -> Self {
        Self(kind: kind(forStatus: status, providerType: providerType, message: message),
             subject: url, status: status, providerType: providerType, detail: message,
             requestID: requestID, retryAfter: retryAfter)
    }

    /// An error the provider reported inside a stream that had started well.
    public static func streamError(url: String, providerType: String?, message: String,
                                   partialText: String) -> Self {
        let kind: Kind = providerType?.contains("overloaded") == true
            ? .overloaded : kind(forStatus: 500, providerType: providerType, message: message)
        return Self(kind: kind, subject: url, providerType: providerType, detail: message,
                    partialText: partialText)
    }

    /// A timeout, with the text a stream had delivered before it.
    public static func timeout(url: String, detail: String, partialText: String? = nil)
        -> Self
    {
        Self(kind: .timeout, subject: url, detail: detail, partialText: partialText)
    }

    /// A stream that ended before the model said it had finished.
    public static func truncatedStream(url: String, partialText: String) -> Self {
        Self(kind: .truncatedStream, subject: url,
             detail: "the stream ended without a finish reason", partialText: partialText)
    }

    /// A reply that is not in the provider's documented format.
    public static func undecodableResponse(url: String, detail: String) -> Self {
        Self(kind: .undecodableResponse, subject: url, detail: detail)
    }

    /// This error with every occurrence of `secret` (an API key) in its texts replaced, so
    /// that a server echoing a credential back cannot make it appear in a message or log.
    public func redacting(_ secret: String?) -> Self {
        guard let secret, secret.count >= 4 else { return self }
        func clean(_ text: String?) -> String? {
            text?.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return Self(kind: kind, subject: clean(subject) ?? subject, status: status,
                    providerType: clean(providerType), detail: clean(detail) ?? detail,
                    requestID: requestID, retryAfter: retryAfter,
                    partialText: partialText, accepted: accepted)
    }

    /// Whether a later identical request may succeed: rate limits, overload, server faults,
    /// timeouts and streams cut short.
    public var isRetryable: Bool {
        switch kind {
        case .rateLimited, .overloaded, .serverError, .timeout, .truncatedStream: true
        default: status == 408 || status == 409
        }
    }

    private static func kind(forStatus status: Int, providerType: String?, message: String)
        -> Kind
    {
        let type = providerType?.lowercased() ?? ""
        let lowered = message.lowercased()
        if type.contains("context_length") || lowered.contains("context length")
            || lowered.contains("context size") || lowered.contains("context window")
            || lowered.contains("exceeds the maximum number of tokens") {
            return .contextLengthExceeded
        }
        if type.contains("overloaded") { return .overloaded }
        switch status {
        case 401, 403: return .authentication
        case 429: return .rateLimited
        case 529: return .overloaded
        case 400, 404, 413, 422: return .invalidRequest
        case 500...: return .serverError
        default: return .invalidRequest
        }
    }

    public var description: String {
        switch kind {
        case .invalidModelID:
            return "'\(subject)' is not a model id; write it as provider/model, "
                + "for example local/smollm2 or openai/gpt-4o-mini."
        case .unknownModel:
            let hint = accepted.isEmpty ? "" : " Did you mean \(accepted.joined(separator: ", "))?"
            return "'\(subject)' is neither a model id (provider/model) nor a known model "
                + "name.\(hint) 'ember models' lists the known ones."
        case .unknownProvider:
            return "No provider named '\(subject)' is configured; known providers: "
                + "\(accepted.joined(separator: ", "))."
        default:
            var text = "\(subject) failed (\(kind)"
            if let status { text += ", HTTP \(status)" }
            if let providerType { text += ", \(providerType)" }
            text += "): \(detail.isEmpty ? "no message" : detail)"
            if let retryAfter { text += "; retry after \(retryAfter)" }
            if let requestID { text += " [request \(requestID)]" }
            if let partialText, !partialText.isEmpty {
                text += " (\(partialText.count) characters had arrived)"
            }
            return text
        }
    }
}
