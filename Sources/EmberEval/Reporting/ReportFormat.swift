import EmberModels
import Foundation

/// The number and date formats the reports share, all independent of the user's locale.
enum ReportFormat {
    /// `0.1234` as `12.3%`.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// `1234567` as `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index).isMultiple(of: 3) { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }

    /// A mean count such as tokens per item, with one decimal: `1,234.5`.
    static func mean(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return count(tenths / 10) + "." + String(abs(tenths % 10))
    }

    /// Dollars with four to six decimals: `$0.0123`, `$12.345678`.
    static func dollars(_ amount: Decimal) -> String { amount.dollarsText }

    /// Seconds as `0.42 s`, `12.3 s`, or minutes and seconds from a minute up: `3 min 05 s`.
    static func seconds(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, whole % 3600 / 60)
    }

    /// A date in ISO 8601, in UTC, to the second: `2025-03-01T12:00:00Z`.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// An amount rounded to `scale` decimal places, as a plain decimal string (`0.0025`).
    static func decimalString(_ amount: Decimal, scale: Int = 10) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, .plain)
        return rounded.description
    }
}
