/// Small numbers (docs/noegletal.md, "Small numbers"; docs/sikkerhed.md): a value resting
/// on fewer than ``defaultThreshold`` units (persons, rows, companies, a share's denominator)
/// is hidden from the roles outside casework, together with enough others that no hidden
/// value can be worked out. How is ``Publication``'s and ``LinkedCells``' work.
///
/// ```swift
/// SmallNumbers.defaultThreshold   // 5
/// ```
public enum SmallNumbers {
    public static let defaultThreshold = 5

    /// How a hidden value is written in tables, CSV and workbooks, as Danmarks Statistik writes it.
    public static let mark = ".."

    /// A small count as a reader who may not see it reads it: 1-4 as "under 5"; `nil` for any other count.
    public static func hiddenCount(_ n: Int) -> String? {
        (1..<defaultThreshold).contains(n) ? "under \(defaultThreshold)" : nil
    }

    /// What a page says under figures with small numbers hidden.
    public static let publishedNote =
        "Tal under \(defaultThreshold) er skjult (\(mark)), og så mange andre, at de ikke kan regnes ud af de andre offentliggjorte tal."
}
