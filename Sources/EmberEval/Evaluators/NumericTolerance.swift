/// How far a number may be from the gold number and still count as correct.
///
/// A value is accepted when it is within `absolute` of the gold value, or within `relative`
/// times the gold value's magnitude, whichever allows more. ``exact`` (both zero) compares
/// the numbers' exact canonical values instead of floating-point approximations, so
/// `0.1 + 0.2`-style rounding never makes a right answer wrong or a wrong one right.
public struct NumericTolerance: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The largest accepted difference, in the answer's units.
    public var absolute: Double
    /// The largest accepted difference, as a fraction of the gold value's magnitude.
    public var relative: Double

    /// Equal by value: `5.50` is `5.5`, `3/4` is `0.75`, `1/3` is not `0.333`.
    public static let exact = NumericTolerance(absolute: 0, relative: 0)

    /// Creates a tolerance; negative values count as zero.
    public init(absolute: Double = 0, relative: Double = 0) {
        self.absolute = max(0, absolute)
        self.relative = max(0, relative)
    }

    /// Whether this is ``exact``.
    public var isExact: Bool { absolute == 0 && relative == 0 }

    /// Whether `value` is close enough to `gold`.
    public func accepts(_ value: Double, gold: Double) -> Bool {
        guard value.isFinite, gold.isFinite else { return value == gold }
        return abs(value - gold) <= max(absolute, relative * abs(gold))
    }

    /// `exact`, or the limits (`within 0.01 or 1%`).
    public var description: String {
        guard !isExact else { return "exact" }
        var parts: [String] = []
        if absolute > 0 { parts.append("\(absolute.formatted())") }
        if relative > 0 { parts.append("\((relative * 100).formatted())%") }
        return "within " + parts.joined(separator: " or ")
    }
}

extension Double {
    /// The shortest decimal that reads back as this value (`0.01`, `5`).
    func formatted() -> String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
