import Foundation

/// Reads how long a server asked a client to wait before retrying.
public enum RetryAfter {
    /// The delay a response asked for, or `nil` when it asked for none it could mean.
    ///
    /// `retry-after-ms` (milliseconds, sent by OpenAI and Anthropic) wins over `Retry-After`,
    /// which is either whole seconds or an HTTP date (RFC 9110). A date in the past means
    /// "now" (zero). Negative, non-numeric or unreadable values are ignored.
    ///
    /// - Parameter now: The current time, against which a date is measured: the response's
    ///   own `Date` header where it has one (so clock skew does not matter), else the local
    ///   clock.
    public static func delay(retryAfter: String?, retryAfterMilliseconds: String?,
                             now: Date) -> Duration? {
        if let text = retryAfterMilliseconds?.trimmingCharacters(in: .whitespaces),
           let milliseconds = Double(text), milliseconds >= 0, milliseconds.isFinite {
            return .milliseconds(Int64(milliseconds.rounded()))
        }
        guard let text = retryAfter?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        if text.allSatisfy(\.isNumber) {
            return Int64(text).map { .seconds($0) }
        }
        guard let date = httpDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return seconds > 0 ? .milliseconds(Int64((seconds * 1000).rounded())) : .zero
    }

    /// Parses an HTTP date in the preferred IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`)
    /// or the obsolete RFC 850 and asctime forms.
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz",
                       "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
