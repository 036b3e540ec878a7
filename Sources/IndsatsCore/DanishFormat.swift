import Foundation

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

    /// A number as a Danish user types it in a form: `1.234,5`, `1234,5`, `1234.5` or `1.234`
    /// (points in groups of three are thousands separators); `nil` when it is no number.
    ///
    /// ```swift
    /// DanishFormat.parse("1.234,5")  // 1234.5
    /// DanishFormat.parse("2.5")      // 2.5
    /// ```
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let negative = trimmed.hasPrefix("-")
        let parts = (negative ? String(trimmed.dropFirst()) : trimmed).split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var whole = String(parts[0])
        let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
        if groups.count > 1 {
            if (1...3).contains(groups[0].count) && !groups[0].hasPrefix("0") && groups.dropFirst().allSatisfy({ $0.count == 3 }) {
                whole = groups.joined()  // 1.234 and 1.234,5
            } else if parts.count == 2 || groups.count > 2 {
                return nil  // 1.23,4 and 1.2.3
            }  // else 2.5: a decimal point
        }
        let plain = parts.count == 2 ? whole + "." + parts[1] : whole
        guard !plain.isEmpty, plain.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(plain) else { return nil }
        return negative ? -value : value
    }
}
