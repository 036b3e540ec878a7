/// Numbers the way Danish users read them: `1.234,5`.
public enum DanishFormat {
    /// Formats `value` with `decimals` decimals, `.` between thousands and `,` before decimals.
    ///
    /// ```swift
    /// DanishFormat.number(1234.46, decimals: 1)  // "1.234,5"
    /// ```
    public static func number(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled > 0
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0 { grouped += "," + pad(fraction, decimals) }
        return (negative ? "-" : "") + grouped
    }

    /// A whole number with thousands separators: `12.345`.
    public static func integer(_ value: Int) -> String { number(Double(value), decimals: 0) }
}
