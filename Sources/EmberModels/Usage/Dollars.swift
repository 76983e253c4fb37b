import Foundation

extension Decimal {
    /// The amount as dollars with four to six decimals, in every locale: `$0.0123`,
    /// `$12.345678`, `$1,250.0000`.
    public var dollarsText: String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = 4
        formatter.maximumFractionDigits = 6
        return "$" + (formatter.string(from: self as NSDecimalNumber) ?? "\(self)")
    }
}
